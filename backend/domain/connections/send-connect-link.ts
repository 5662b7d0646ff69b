import type { Actor, DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { isLowerCaseUuid } from '../uuid.js';
import { messageKeys, sendMail, type MailOutbox } from '../outbox/outbox.js';
import { createConnectLink } from './connect-calendar.js';
import type { TokenKeyring } from './token-keyring.js';

export interface SendConnectLinkDeps extends DomainDeps {
  keyring: TokenKeyring | null;
  outbox: MailOutbox;
  /** The backend's external base URL: the link is `<publicUrl>/connect?link=…`. */
  publicUrl: () => string;
}

/** One person of the organization (another organization's, or none, is `not_found`: nothing tells them apart). */
export async function connectLinkRecipient(
  deps: DomainDeps,
  input: { organizationId: string; personId: string },
): Promise<{ id: string; displayName: string; email: string; status: 'ACTIVE' | 'INACTIVE' }> {
  const person = isLowerCaseUuid(input.personId)
    ? await deps.prisma.person.findFirst({
        where: { id: input.personId, organizationId: input.organizationId },
        select: { id: true, displayName: true, email: true, status: true },
      })
    : null;
  if (!person) throw new AppError('not_found', 'No such person.');
  return person;
}

const UTC_TIME: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
};

/**
 * A Together admin has a connect link mailed to one person of their organization (per-user method):
 * an ADMIN_MAIL link (single use, 72 hours, audited by createConnectLink; it ends the person's earlier
 * unused links), recorded in the outbox and queued. An INACTIVE person (409 `person_inactive`) and a
 * domain-wide organization (409 `not_per_user`) are refused: nothing is created, changed or sent.
 */
export async function sendConnectLink(
  deps: SendConnectLinkDeps,
  input: { organizationId: string; personId: string; actor: Actor },
): Promise<{ recipient: string; expiresAt: Date }> {
  const person = await connectLinkRecipient(deps, input);
  if (person.status === 'INACTIVE') {
    throw new AppError(
      'person_inactive',
      `${person.displayName || person.email} (${person.email}) is INACTIVE in Together, so no connect link was sent. Mark them ACTIVE first if they should connect their Google Calendar.`,
    );
  }
  const [organization, token] = await Promise.all([
    deps.prisma.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { name: true } }),
    input.actor.type === 'ADMIN_TOKEN' && input.actor.id
      ? deps.prisma.adminApiToken.findFirst({ where: { id: input.actor.id, organizationId: input.organizationId }, select: { name: true } })
      : null,
  ]);
  const link = await createConnectLink(deps, { ...input, source: 'ADMIN_MAIL' });
  const url = `${deps.publicUrl()}/connect?link=${link.secret}`;
  const name = person.displayName || person.email;
  const asker = token ? `An administrator of ${organization.name} (${token.name})` : `An administrator of ${organization.name}`;
  const text = [
    `Hello ${name},`,
    '',
    `${asker} asked Together Calendar to send you this link to connect your Google Calendar.`,
    '',
    'Connecting lets Together see when you are free or busy and put the mentoring sessions you book in your Google Calendar. Together keeps only those sessions, never your other events. You can disconnect at any time from Together in the Google Calendar sidebar.',
    '',
    'Connect your Google Calendar:',
    url,
    '',
    `The link works once, until ${new Intl.DateTimeFormat('en-GB', UTC_TIME).format(link.expiresAt)} (72 hours). Sign in to Google as ${person.email} when it asks. If the link has expired or was already used, connect from Together in the Google Calendar sidebar, or ask your administrator for a new link.`,
    '',
    'If you did not expect this mail, you can ignore it: nothing is connected until you allow it at Google.',
  ].join('\n');
  await sendMail(deps, {
    organizationId: input.organizationId,
    kind: 'CONNECT_LINK',
    recipient: person.email,
    subject: 'Connect your Google Calendar to Together',
    text,
    messageKey: messageKeys.other('connect-link', link.requestId),
  });
  return { recipient: person.email, expiresAt: link.expiresAt };
}
