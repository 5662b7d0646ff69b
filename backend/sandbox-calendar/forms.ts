// The Calendar's forms, read and checked before anything is asked of the emulator: a refused form
// changes nothing. Dates and times are the user's wall clock, in their zone.
import { DateTime } from 'luxon';
import type { EventTime, Rsvp } from './emulator-client.js';

/** A form the page could not act on: what was wrong, in words for the page. */
export class FormProblem extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'FormProblem';
  }
}

type Fields = Record<string, unknown>;

const text = (body: Fields, name: string): string => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** Who acts, and on which event: every event form names both. */
export function eventTarget(body: Fields): { user: string; eventId: string } {
  const user = text(body, 'user');
  const eventId = text(body, 'eventId');
  const problems = [...userProblems(user), ...(/^[a-zA-Z0-9_-]{1,1024}$/.test(eventId) ? [] : ['Choose an event.'])];
  if (problems.length > 0) throw new FormProblem(problems);
  return { user, eventId };
}

export function userOf(body: Fields): string {
  const user = text(body, 'user');
  const problems = userProblems(user);
  if (problems.length > 0) throw new FormProblem(problems);
  return user;
}

const userProblems = (user: string): string[] => (/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(user) ? [] : ['Choose a demo user.']);

/** The answer of an RSVP form. */
export function rsvpOf(body: Fields): Rsvp {
  const answer = text(body, 'response');
  if (answer === 'accepted' || answer === 'declined' || answer === 'tentative') return answer;
  throw new FormProblem(['Choose Yes, No or Maybe.']);
}

/** A timed slot of a form (`date`, `start`, `end`), as instants in the user's zone. */
export function slotOf(body: Fields, zone: string): { start: EventTime; end: EventTime; date: string } {
  const date = text(body, 'date');
  const problems: string[] = [];
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone }) : undefined;
  if (!day?.isValid) problems.push('Enter a real date, like 2026-12-07.');
  const at = (name: string, words: string) => {
    const value = text(body, name);
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
    if (!match) problems.push(`Enter the ${words} as hours and minutes, like 09:30.`);
    return match && day?.isValid ? day.set({ hour: Number(match[1]), minute: Number(match[2]) }) : undefined;
  };
  const start = at('start', 'start time');
  const end = at('end', 'end time');
  if (start && end && end <= start) problems.push('The end time must be after the start time.');
  if (problems.length > 0 || !start || !end) throw new FormProblem(problems);
  return {
    date,
    start: { dateTime: start.toISO({ suppressMilliseconds: true })!, timeZone: zone },
    end: { dateTime: end.toISO({ suppressMilliseconds: true })!, timeZone: zone },
  };
}

/** The title of a new event: required, one line, at most 200 characters. */
export function titleOf(body: Fields): string {
  const title = text(body, 'title');
  if (!title) throw new FormProblem(['Enter a title for the event.']);
  if (title.length > 200 || /\p{Cc}/u.test(title)) throw new FormProblem(['Enter a title of at most 200 characters, on one line.']);
  return title;
}
