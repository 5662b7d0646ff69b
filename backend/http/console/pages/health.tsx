import type { ComponentChildren } from 'preact';
import { Layout, Pagination, SummaryList, Tag, Time, type PageContext } from '../components.js';
import { count } from '../words.js';

export type HealthTab = 'incidents' | 'sync' | 'audit';

const TABS: Array<{ tab: HealthTab; label: string; href: string }> = [
  { tab: 'incidents', label: 'Incidents', href: '/admin/health' },
  { tab: 'sync', label: 'Calendar sync', href: '/admin/health/sync' },
  { tab: 'audit', label: 'Audit log', href: '/admin/health/audit' },
];

export function HealthLayout(props: { ctx: PageContext; tab: HealthTab; title: string; children: ComponentChildren }) {
  return (
    <Layout ctx={{ ...props.ctx, section: 'health' }} title={`${props.title} – Health`}>
      <h1 class="heading-l">Health</h1>
      <nav class="sub-nav" aria-label="Health">
        <ul>
          {TABS.map((entry) => (
            <li key={entry.tab}>
              <a href={entry.href} aria-current={entry.tab === props.tab ? 'page' : undefined}>
                {entry.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.children}
    </Layout>
  );
}

/** Older pages go by the API's cursor; the first page is always one link away. */
export function CursorPaging(props: { base: string; nextCursor: string | null; isFirst: boolean }) {
  if (!props.nextCursor && props.isFirst) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      <ul>
        {!props.isFirst && (
          <li>
            <a href={props.base}>Newest</a>
          </li>
        )}
        {props.nextCursor && (
          <li>
            <a href={`${props.base}?after=${encodeURIComponent(props.nextCursor)}`} rel="next">
              Older
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export interface IncidentView {
  id: string;
  open: boolean;
  summary: string;
  openedAt: Date;
  closedAt: Date | null;
}

export function IncidentsPage(props: { ctx: PageContext; incidents: IncidentView[]; nextCursor: string | null; isFirst: boolean }) {
  return (
    <HealthLayout ctx={props.ctx} tab="incidents" title="Incidents">
      <h2 class="heading-m">Incidents</h2>
      {props.incidents.length === 0 && props.isFirst ? (
        <p>
          No incidents. An incident opens when Together stops working for many people (for example when the app is uninstalled), and we
          email the integration owner when it opens and when it ends.
        </p>
      ) : (
        <div class="table-region" role="region" aria-labelledby="incidents-caption" tabindex={0}>
          <table class="table">
            <caption id="incidents-caption" class="visually-hidden">
              Incidents, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
                <th scope="col">What happened</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {props.incidents.map((incident) => (
                <tr key={incident.id}>
                  <th scope="row">
                    <a href={`/admin/health/incidents/${incident.id}`}>
                      <Time at={incident.openedAt} ctx={props.ctx} />
                    </a>
                  </th>
                  <td>{incident.closedAt ? <Time at={incident.closedAt} ctx={props.ctx} /> : 'Not yet'}</td>
                  <td>{incident.summary}</td>
                  <td>
                    <Tag words={incident.open ? { text: 'Open', colour: 'red' } : { text: 'Resolved', colour: 'green' }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CursorPaging base="/admin/health" nextCursor={props.nextCursor} isFirst={props.isFirst} />
    </HealthLayout>
  );
}

export interface MailView {
  id: string;
  kind: string;
  recipient: string | null;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
  message: { subject: string; text: string | null };
}

export function IncidentPage(props: { ctx: PageContext; incident: IncidentView; mails: MailView[] }) {
  const { incident, ctx } = props;
  return (
    <HealthLayout ctx={ctx} tab="incidents" title="Incident">
      <a class="back-link" href="/admin/health">
        Back to incidents
      </a>
      <h2 class="heading-m">{incident.summary}</h2>
      <SummaryList
        rows={[
          { key: 'Status', value: <Tag words={incident.open ? { text: 'Open', colour: 'red' } : { text: 'Resolved', colour: 'green' }} /> },
          { key: 'Started', value: <Time at={incident.openedAt} ctx={ctx} /> },
          { key: 'Ended', value: incident.closedAt ? <Time at={incident.closedAt} ctx={ctx} /> : 'Not yet' },
        ]}
      />
      <h3 class="heading-s">Emails sent to the integration owner</h3>
      {props.mails.length === 0 ? (
        <p>No emails were sent for this incident: no integration owner was set.</p>
      ) : (
        props.mails.map((mail) => (
          <article class="mail" key={mail.id} aria-label={mail.message.subject}>
            <SummaryList
              rows={[
                { key: 'Sent', value: mail.sentAt ? <Time at={mail.sentAt} ctx={ctx} /> : `Not sent yet (${mail.status.toLowerCase()})` },
                { key: 'To', value: mail.recipient ?? 'Nobody' },
                { key: 'Subject', value: mail.message.subject },
              ]}
            />
            <pre class="mail-text">{mail.message.text ?? ''}</pre>
          </article>
        ))
      )}
    </HealthLayout>
  );
}

export interface CalendarSyncView {
  email: string;
  channel: { status: string; expiresAt: string } | null;
  lastSyncedAt: string | null;
  lastLagMs: number | null;
  pendingLagMs: number;
  consecutiveFailures: number;
  lastError: string | null;
}

/** "about 2 minutes", "45 seconds". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `about ${minutes} minutes`;
  return `about ${Math.round(minutes / 60)} hours`;
}

export function SyncPage(props: {
  ctx: PageContext;
  calendars: CalendarSyncView[];
  total: number;
  page: number;
  pages: number;
  maxPendingLagMs: number;
}) {
  const { ctx } = props;
  const lags = props.calendars.map((c) => c.lastLagMs).filter((lag): lag is number => lag !== null);
  return (
    <HealthLayout ctx={ctx} tab="sync" title={props.pages > 1 ? `Calendar sync (page ${props.page} of ${props.pages})` : 'Calendar sync'}>
      <h2 class="heading-m">Calendar sync</h2>
      {props.total === 0 ? (
        <p>
          No calendars are watched yet. Together watches the calendar of everyone with an upcoming mentoring session, so that moving or
          deleting the event in Google Calendar reaches Together.
        </p>
      ) : (
        <>
          <SummaryList
            rows={[
              { key: 'Calendars watched', value: count(props.total) },
              {
                key: 'Changes waiting now',
                value: props.maxPendingLagMs > 0 ? `The oldest has waited ${duration(props.maxPendingLagMs)}` : 'None',
              },
              ...(lags.length > 0 ? [{ key: 'Slowest last change on this page', value: duration(Math.max(...lags)) }] : []),
            ]}
          />
          <div class="table-region" role="region" aria-labelledby="sync-caption" tabindex={0}>
            <table class="table">
              <caption id="sync-caption" class="caption-m">
                Calendars, the furthest behind first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Calendar</th>
                  <th scope="col">Watching</th>
                  <th scope="col">Last sync</th>
                  <th scope="col" class="numeric">
                    Lag
                  </th>
                  <th scope="col" class="numeric">
                    Failures
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.calendars.map((calendar) => (
                  <tr key={calendar.email}>
                    <th scope="row">{calendar.email}</th>
                    <td>
                      {calendar.channel?.status === 'ACTIVE' ? (
                        <>
                          Yes, until <Time at={calendar.channel.expiresAt} ctx={ctx} />
                        </>
                      ) : (
                        'No'
                      )}
                    </td>
                    <td>
                      <Time at={calendar.lastSyncedAt} ctx={ctx} />
                    </td>
                    <td class="numeric">
                      {calendar.pendingLagMs > 0
                        ? `${duration(calendar.pendingLagMs)} waiting`
                        : calendar.lastLagMs === null
                          ? '–'
                          : duration(calendar.lastLagMs)}
                    </td>
                    <td class="numeric">
                      {count(calendar.consecutiveFailures)}
                      {calendar.lastError && <span class="person-email">{calendar.lastError}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={props.page} pages={props.pages} href={(page) => `/admin/health/sync?page=${page}`} />
        </>
      )}
    </HealthLayout>
  );
}
