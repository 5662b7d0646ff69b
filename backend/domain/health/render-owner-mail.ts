import type { AccessStatus } from '../../store/generated/prisma/client.js';
import type { HealthAssessment } from './assess-integration-health.js';

/** A failing person shown in the mail as an example. */
export interface FailingExample {
  email: string;
  status: AccessStatus;
  reason: string | null;
  fix: string | null;
}

/** A rendered owner mail. */
export interface OwnerMail {
  subject: string;
  text: string;
}

/** How many failing people the mail names. */
export const EXAMPLES_IN_MAIL = 5;

const STATUS_LABEL: Record<AccessStatus, string> = {
  UNKNOWN: 'not checked yet',
  ACTIVE: 'working',
  NOT_INSTALLED: 'app not installed or scope not granted',
  NOT_IN_WORKSPACE: 'not a Google Workspace user',
  SUSPENDED_OR_DELETED: 'suspended or deleted in Google Workspace',
  DOMAIN_NOT_VERIFIED: 'domain not verified by a Workspace admin yet',
  NOT_CONNECTED: 'has not connected their Google Calendar yet',
  CONNECTION_REVOKED: 'connection revoked or expired (they reconnect)',
  SCOPE_NOT_GRANTED: 'connected without granting Calendar access',
  BLOCKED_BY_POLICY: "blocked by the Workspace admin's app policy",
  CALENDAR_API_ERROR: 'Google Calendar refused the call',
  OTHER: 'other error',
};

/** Where in the admin API the owner sees every person's access, the incidents and their mails. */
export function adminPaths(organizationId: string) {
  const base = `/admin/v1/organizations/${organizationId}`;
  return { access: `${base}/integration/access`, integration: `${base}/integration`, incidents: `${base}/incidents` };
}

/** "NOT_INSTALLED 6, SUSPENDED_OR_DELETED 1": the failing statuses, most frequent first. */
export function describeFailures(byStatus: HealthAssessment['byStatus']): string {
  return Object.entries(byStatus)
    .filter(([status]) => status !== 'ACTIVE' && status !== 'UNKNOWN')
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || a.localeCompare(b))
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
}

/** The one-line incident summary stored on the Incident and used as the mail's subject. */
export function incidentSummary(organizationName: string, assessment: HealthAssessment): string {
  return `Together Calendar is failing for ${organizationName}: ${assessment.failing} of ${assessment.checked} people cannot be reached`;
}

/** The mail that tells the integration owner the integration started failing. */
export function renderIncidentOpenedMail(input: {
  organization: { id: string; name: string };
  assessment: HealthAssessment;
  examples: FailingExample[];
  openedAt: Date;
}): OwnerMail {
  const { organization, assessment, examples } = input;
  const paths = adminPaths(organization.id);
  const lines = [
    `Hello,`,
    ``,
    `Together's Google Calendar integration for ${organization.name} started failing at ${input.openedAt.toISOString()}.`,
    ``,
    `Delegated calendar access works for ${assessment.active} of ${assessment.checked} people checked ` +
      `(${assessment.total} active people in Together).`,
    `Failing, by reason: ${describeFailures(assessment.byStatus) || 'none'}.`,
  ];
  if (assessment.causes.includes('nobody_active')) {
    lines.push(
      ``,
      `Nobody can be reached: the Together app may have been uninstalled from the Google Workspace Marketplace, ` +
        `a scope revoked, or domain-wide delegation removed.`,
    );
  }
  for (const [status, count] of Object.entries(assessment.byStatus)) {
    if (status !== 'ACTIVE' && status !== 'UNKNOWN') lines.push(`  - ${status} (${STATUS_LABEL[status as AccessStatus]}): ${count}`);
  }
  if (examples.length > 0) {
    lines.push(``, `For example:`);
    for (const example of examples) {
      lines.push(`  - ${example.email}: ${example.reason ?? STATUS_LABEL[example.status]}`);
      if (example.fix) lines.push(`    Fix: ${example.fix}`);
    }
  }
  lines.push(
    ``,
    `Every person's access, with the reason and the fix: GET ${paths.access}`,
    `The integration and its last test: GET ${paths.integration}`,
    `Incidents and these notifications: GET ${paths.incidents}`,
    ``,
    `Together re-tests the integration regularly and will write again once it works. You get one mail when it starts failing and one when it recovers.`,
  );
  return {
    subject: `[Together Calendar] Failing for ${organization.name}: ${assessment.failing} of ${assessment.checked} people`,
    text: lines.join('\n'),
  };
}

/** The mail that tells the integration owner the integration works again, and since when. */
export function renderIncidentResolvedMail(input: {
  organization: { id: string; name: string };
  assessment: HealthAssessment;
  openedAt: Date;
  closedAt: Date;
}): OwnerMail {
  const { organization, assessment } = input;
  const minutes = Math.max(0, Math.round((input.closedAt.getTime() - input.openedAt.getTime()) / 60_000));
  const text = [
    `Hello,`,
    ``,
    `Together's Google Calendar integration for ${organization.name} has recovered: it works again since ${input.closedAt.toISOString()}.`,
    `It had been failing since ${input.openedAt.toISOString()} (about ${minutes} minutes).`,
    ``,
    `Delegated calendar access now works for ${assessment.active} of ${assessment.checked} people checked.`,
    ...(assessment.failing > 0 ? [`Still failing, by reason: ${describeFailures(assessment.byStatus)}.`] : []),
    ``,
    `Every person's access: GET ${adminPaths(organization.id).access}`,
  ].join('\n');
  return { subject: `[Together Calendar] Recovered for ${organization.name}`, text };
}
