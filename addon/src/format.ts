import type { ResponseStatus, Session } from './backend-types.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

interface LocalTime {
  readonly day: string;
  readonly time: string;
}

/**
 * The backend's `…Local` times (already in the user's zone, e.g. 2027-03-15T16:00:00.000+01:00) as
 * "Mon 15 Mar 2027" and "16:00". Reading the digits keeps the zone the backend applied.
 */
function localTime(iso: string): LocalTime {
  const parts = LOCAL.exec(iso);
  if (!parts) return { day: iso, time: '' };
  const [, year, month, date, hours, minutes] = parts.map(Number) as [number, number, number, number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, date)).getUTCDay()];
  return { day: `${weekday} ${date} ${MONTHS[month - 1]} ${year}`, time: `${pad(hours)}:${pad(minutes)}` };
}
const pad = (n: number) => String(n).padStart(2, '0');

/** "Mon 15 Mar 2027, 16:00–16:30" (the end's day too when it differs). */
export function formatTimeRange(startLocal: string, endLocal: string): string {
  const start = localTime(startLocal);
  const end = localTime(endLocal);
  return end.day === start.day ? `${start.day}, ${start.time}–${end.time}` : `${start.day}, ${start.time} – ${end.day}, ${end.time}`;
}

/** "Mon 15 Mar 2027": the day a slot belongs to, for grouping. */
export const formatDay = (local: string): string => localTime(local).day;

/** "16:00–16:30". */
export const formatClockRange = (startLocal: string, endLocal: string): string =>
  `${localTime(startLocal).time}–${localTime(endLocal).time}`;

const RSVP: Readonly<Record<ResponseStatus, string>> = {
  accepted: 'accepted',
  declined: 'declined',
  tentative: 'said maybe',
  needsAction: 'has not answered yet',
};

/** "Ben Mentee accepted" — the match's answer to the invitation; for email invitations, that it cannot be known. */
export function formatMatchRsvp(session: Session): string {
  const name = session.match?.displayName ?? 'Your match';
  if (session.rsvpVisible === false) return `Invitation sent by email: Together cannot see whether ${name} accepted`;
  const answer = session.matchResponseStatus ? RSVP[session.matchResponseStatus] : undefined;
  return `${name} ${answer ?? 'has not answered yet'}`;
}

/** A one-line state for anything but a plain confirmed session (unless its attention note says it), else undefined. */
export function formatSessionState(session: Session): string | undefined {
  switch (session.pendingOperation) {
    case 'BOOKING':
      return session.calendarPath === 'EMAIL_INVITATION' ? 'Sending the invitations…' : 'Being added to Google Calendar…';
    case 'RESCHEDULING':
      return 'Being moved in Google Calendar…';
    case 'CANCELLING':
      return 'Being cancelled…';
    default:
      break;
  }
  switch (session.status) {
    case 'PENDING':
      return session.calendarPath === 'EMAIL_INVITATION' ? 'Sending the invitations…' : 'Being added to Google Calendar…';
    case 'DECLINED':
      // The backend's attention note (issue 7) already says so, in red.
      return session.attention?.code === 'declined' ? undefined : `${session.match?.displayName ?? 'Your match'} declined this session.`;
    case 'CANCELLED':
      return session.cancelReason ? `Cancelled: ${session.cancelReason}` : 'Cancelled.';
    case 'FAILED':
      return 'Together could not add this session to Google Calendar.';
    default:
      return undefined;
  }
}

/** Text for card HTML: user data (names, agendas, reasons) must not become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
