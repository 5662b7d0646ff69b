import { Time, type PageContext } from '../components.js';
import { CursorPaging, HealthLayout } from './health.js';

/** Each audit action in plain words. */
const ACTION_WORDS: Record<string, string> = {
  'admin_token.created': 'Created an admin API token',
  'admin_token.revoked': 'Revoked an admin API token',
  'domain.verification.started': 'Started verifying a domain',
  'domain.verification.failed': 'A domain verification failed',
  'domain.verified': 'Verified a domain',
  'integration.install.confirmed': 'Confirmed the app is installed',
  'integration.method.set': 'Chose how Together connects',
  'integration.setup.finalized': 'Finished the setup',
  'integration.test.cancelled': 'Cancelled a test',
  'integration.test.recorded': 'A test finished',
  'integration.test.started': 'Started a test',
  'integration.vendor.set': 'Chose the calendar and the integration owner',
  'integration.health.failing': 'Together stopped working for people',
  'integration.health.recovered': 'Together works again',
  'organization.created': 'Created the organization',
  'organization.domain.lost': 'A domain was taken over by another organization',
  'organization.updated': 'Changed the organization',
};

export interface AuditEntryView {
  id: string;
  at: Date;
  who: string;
  action: string;
  details: unknown;
}

/** The details the API recorded, compact: "ownerEmail: ana@acme.test · vendor: GOOGLE_CALENDAR". */
function detailsText(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

export function AuditLogPage(props: { ctx: PageContext; entries: AuditEntryView[]; nextCursor: string | null; isFirst: boolean }) {
  return (
    <HealthLayout ctx={props.ctx} tab="audit" title="Audit log">
      <h2 class="heading-m">Audit log</h2>
      {props.entries.length === 0 ? (
        <p>Nothing has changed yet. Every change to the setup, every test and every domain verification is listed here.</p>
      ) : (
        <div class="table-region" role="region" aria-labelledby="audit-caption" tabindex={0}>
          <table class="table">
            <caption id="audit-caption" class="visually-hidden">
              Changes, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((entry) => {
                const details = detailsText(entry.details);
                return (
                  <tr key={entry.id}>
                    <th scope="row">
                      <Time at={entry.at} ctx={props.ctx} />
                    </th>
                    <td>{entry.who}</td>
                    <td>
                      {ACTION_WORDS[entry.action] ?? entry.action}
                      {details && (
                        <details class="details">
                          <summary>Details</summary>
                          <p class="details-text">{details}</p>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <CursorPaging base="/admin/health/audit" nextCursor={props.nextCursor} isFirst={props.isFirst} />
    </HealthLayout>
  );
}
