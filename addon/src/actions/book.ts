import type { Matching } from '../backend-types.js';
import { buildBookingConfirmCard, buildBookingDurationCard, buildBookingSlotsCard } from '../cards/book.js';
import { call } from '../cards/widgets.js';
import { formatTimeRange } from '../format.js';
import { AddonProblem } from '../problems.js';
import type { ActionContext, Step } from './context.js';
import { homeCard } from './home.js';

/** The matching a booking button names, checked against the user's own (the backend decides whose calendar the session goes into). */
function bookableMatching(context: ActionContext): { matching: Matching; timeZone: string } {
  const matchingId = context.parameters.id('matchingId');
  const me = context.backend.me();
  const matching = me.matchings.find((candidate) => candidate.id === matchingId);
  if (!matching) throw new AddonProblem('invalid_action', 'This matching is not one of your active matchings.');
  return { matching, timeZone: context.event.timeZone ?? me.person.timeZone };
}

/** Runs a booking step; a taken slot offers to choose another time. */
function booking<T>(matchingId: string, durationMinutes: number, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof AddonProblem && error.kind === 'slot_taken') {
      throw error.withRecovery('Choose another time', call('onShowBookingSlots', { matchingId, duration: String(durationMinutes) }));
    }
    throw error;
  }
}

/** Book, step 1: how long. */
export function chooseBookingDuration(context: ActionContext): Step {
  return { show: 'next', card: buildBookingDurationCard(bookableMatching(context).matching) };
}

/** Book, step 2: mutual free times. */
export function showBookingSlots(context: ActionContext): Step {
  const duration = context.parameters.minutes('duration');
  const { matching } = bookableMatching(context);
  const slots = context.backend.bookingSlots(matching.id, duration, context.event.timeZone);
  return { show: 'next', card: buildBookingSlotsCard(matching, slots) };
}

/** Book, step 3: confirm the chosen time. */
export function reviewBooking(context: ActionContext): Step {
  const { parameters } = context;
  const duration = parameters.minutes('duration');
  const slot = parameters.slot();
  const { matching, timeZone } = bookableMatching(context);
  return { show: 'next', card: buildBookingConfirmCard(matching, duration, slot, timeZone) };
}

/** Book, step 4: book it; back home, where it now is listed. */
export function confirmBooking(context: ActionContext): Step {
  const matchingId = context.parameters.id('matchingId');
  const duration = context.parameters.minutes('duration');
  const start = context.parameters.instant('start');
  return booking(matchingId, duration, () => {
    const session = context.backend.book(matchingId, { start, durationMinutes: duration, timeZone: context.event.timeZone });
    return {
      show: 'home',
      card: homeCard(context),
      notification: `Session ${session.sessionNumber} booked for ${formatTimeRange(session.startLocal, session.endLocal)}; ${session.match?.displayName ?? 'your match'} is invited.`,
    };
  });
}
