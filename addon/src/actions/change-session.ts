import type { Session } from '../backend-types.js';
import { buildCancelConfirmCard } from '../cards/cancel.js';
import { buildRescheduleConfirmCard, buildRescheduleSlotsCard } from '../cards/reschedule.js';
import { buildSessionContextCard } from '../cards/session-context.js';
import { call } from '../cards/widgets.js';
import { REASON_MAX_LENGTH, typedCancelReason } from '../event.js';
import { formatTimeRange } from '../format.js';
import { AddonProblem } from '../problems.js';
import type { ActionContext, Step } from './context.js';

/** The session and version a reschedule or cancel button names. */
function target(context: ActionContext) {
  return { sessionId: context.parameters.id('sessionId'), version: context.parameters.version() };
}

/**
 * Runs a reschedule or cancel step; a conflict or a session that can no longer change offers to
 * reload the session, a taken slot to choose another time.
 */
function changingSession<T>(sessionId: string, version: number, durationMinutes: number | undefined, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof AddonProblem)) throw error;
    if (error.kind === 'version_conflict' || error.kind === 'session_not_modifiable') {
      throw error.withRecovery('Reload session', call('onReloadSession', { sessionId }));
    }
    if (error.kind === 'slot_taken' && durationMinutes !== undefined) {
      throw error.withRecovery(
        'Choose another time',
        call('onShowRescheduleSlots', { sessionId, version: String(version), duration: String(durationMinutes) }),
      );
    }
    throw error;
  }
}

/** The session as it is now, refusing when it changed since `version` or cannot be `action`ed. */
function currentSession(context: ActionContext, sessionId: string, version: number, action: 'reschedule' | 'cancel'): Session {
  const session = context.backend.session(sessionId, context.event.timeZone);
  if (session.version !== version) {
    throw new AddonProblem('version_conflict', `The session is at version ${session.version}; this card showed version ${version}.`);
  }
  if (!session.allowedActions.includes(action)) {
    throw new AddonProblem(
      'session_not_modifiable',
      `The session is ${session.status.toLowerCase()}${session.pendingOperation ? ' and being changed' : ''}.`,
    );
  }
  return session;
}

/** Reschedule, step 1: suggested mutual times. */
export function showRescheduleSlots(context: ActionContext): Step {
  const { sessionId, version } = target(context);
  const duration = context.parameters.minutes('duration');
  return changingSession(sessionId, version, undefined, () => {
    const slots = context.backend.rescheduleSlots(sessionId, duration, context.event.timeZone);
    return { show: 'next', card: buildRescheduleSlotsCard(sessionId, version, slots) };
  });
}

/** Reschedule, step 2: confirm the chosen time against the session as it is now. */
export function reviewReschedule(context: ActionContext): Step {
  const { sessionId, version } = target(context);
  const slot = context.parameters.slot();
  return changingSession(sessionId, version, undefined, () => {
    const session = currentSession(context, sessionId, version, 'reschedule');
    return { show: 'next', card: buildRescheduleConfirmCard(session, version, slot) };
  });
}

/** Reschedule, step 3: move it; back on the session's card, updated. */
export function confirmReschedule(context: ActionContext): Step {
  const { sessionId, version } = target(context);
  const start = context.parameters.instant('start');
  const duration = context.parameters.minutes('duration');
  return changingSession(sessionId, version, duration, () => {
    const session = context.backend.reschedule(sessionId, { version, start, timeZone: context.event.timeZone });
    return {
      show: 'session',
      card: buildSessionContextCard(session),
      notification: `Moved to ${formatTimeRange(session.startLocal, session.endLocal)}; ${session.match?.displayName ?? 'your match'} is notified.`,
    };
  });
}

/** Cancel, step 1: confirm, with an optional reason. */
export function reviewCancel(context: ActionContext): Step {
  const { sessionId, version } = target(context);
  return changingSession(sessionId, version, undefined, () => {
    const session = currentSession(context, sessionId, version, 'cancel');
    return { show: 'next', card: buildCancelConfirmCard(session, version) };
  });
}

/** Cancel, step 2: cancel it; back on the session's card, now cancelled. A reason too long comes back to be shortened. */
export function confirmCancel(context: ActionContext): Step {
  const { sessionId, version } = target(context);
  const reason = typedCancelReason(context.event);
  return changingSession(sessionId, version, undefined, () => {
    if (reason.length > REASON_MAX_LENGTH) {
      return { show: 'replace', card: buildCancelConfirmCard(currentSession(context, sessionId, version, 'cancel'), version, reason) };
    }
    const session = context.backend.cancel(sessionId, { version, reason: reason || undefined, timeZone: context.event.timeZone });
    return {
      show: 'session',
      card: buildSessionContextCard(session),
      notification: `Session cancelled; ${session.match?.displayName ?? 'your match'} is notified.`,
    };
  });
}
