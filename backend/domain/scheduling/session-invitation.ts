// The email invitations of a session neither member's calendar is connected for: an iCalendar
// REQUEST (or CANCEL) from Together to both members, one mail each, recorded in the mail outbox.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { messageKeys, type MailSender, type OutgoingMail } from '../outbox/outbox.js';
import type { SagaSession } from './saga-session.js';

/** The iCalendar UID of a session's invitations: stable for the session's whole life. */
export const invitationUid = (sessionId: string, sender: MailSender): string =>
  `together-session-${sessionId}@${sender.address.split('@')[1] ?? 'together.invalid'}`;

/** What an invitation says. */
export interface InvitationInput {
  session: SagaSession;
  method: 'REQUEST' | 'CANCEL';
  /** The iCalendar SEQUENCE: 0 for the booking, raised on every reschedule and on the cancellation. */
  sequence: number;
  start: Date;
  end: Date;
  sender: MailSender;
  now: Date;
}

/** The session as an iCalendar object (METHOD, one VEVENT with Together as ORGANIZER and both members as ATTENDEEs). */
export function renderInvitation(input: InvitationInput): string {
  const { session, sender } = input;
  const { program, mentor, mentee } = session.matching;
  const calendar = ical({
    prodId: { company: 'Together', product: 'Together Calendar', language: 'EN' },
    method: input.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.createEvent({
    id: invitationUid(session.id, sender),
    sequence: input.sequence,
    stamp: input.now,
    start: input.start,
    end: input.end,
    summary: `Mentoring: ${mentor.displayName} & ${mentee.displayName}`,
    description:
      `Mentoring session ${session.sequenceNumber} of the ${program.name} program, between ${mentor.displayName} (mentor) ` +
      `and ${mentee.displayName} (mentee).\nBooked with Together: reschedule or cancel it from the Together add-on.`,
    organizer: { name: sender.name, email: sender.address },
    status: input.method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    // Together does not read replies to these invitations: asking for one would pretend it does.
    attendees: [session.organizer, session.attendee].map((member) => ({
      email: member.email,
      name: member.displayName,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: false,
    })),
  });
  return calendar.toString();
}

/** One mail per member, each with the invitation (or cancellation) attached; idempotent keys per session + sequence + recipient. */
export function invitationMails(input: InvitationInput): OutgoingMail[] {
  const content = renderInvitation(input);
  const { session } = input;
  const members = [
    { me: session.organizer, other: session.attendee },
    { me: session.attendee, other: session.organizer },
  ];
  return members.map(({ me, other }) => {
    const when = DateTime.fromJSDate(input.start, { zone: me.timeZone }).toFormat("cccc d LLLL yyyy, HH:mm '('ZZZZ')'");
    const what = `mentoring session ${session.sequenceNumber} with ${other.displayName}`;
    const cancelled = input.method === 'CANCEL';
    const subject = cancelled
      ? `Cancelled: ${what}, ${when}`
      : input.sequence === 0
        ? `Invitation: ${what}, ${when}`
        : `Moved: ${what}, now ${when}`;
    const text = [
      cancelled ? `Your ${what} on ${when} is cancelled.` : `Your ${what} is on ${when} (${session.matching.program.name}).`,
      '',
      cancelled
        ? 'The attached cancellation removes it from your calendar.'
        : 'Add the attached invitation to your calendar. Neither of your calendars is connected to Together, so Together sends ' +
          'this invitation itself; it has no video link: agree on one with ' +
          `${other.displayName} (${other.email}).`,
      'Together does not see replies to this invitation: if the time does not suit you, reschedule or cancel it from the ' +
        `Together add-on, or tell ${other.displayName} directly.`,
    ].join('\n');
    return {
      organizationId: session.organizationId,
      kind: cancelled ? 'SESSION_CANCELLATION' : 'SESSION_INVITATION',
      sessionId: session.id,
      recipient: me.email,
      subject,
      text,
      messageKey: messageKeys.invitation(session.id, input.sequence, me.email),
      calendar: { method: input.method, content },
    } satisfies OutgoingMail;
  });
}
