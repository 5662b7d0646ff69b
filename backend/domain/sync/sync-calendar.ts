import { GoogleApiError } from '../../google/errors.js';
import type { CalendarEvent } from '../../google/calendar.js';
import type { Impersonation } from '../../google/impersonation.js';
import { actAs } from '../verified-domains.js';
import { SESSION_PROPERTY } from '../scheduling/session-event.js';
import { applyEventChange, type EventState } from './apply-event-change.js';
import { DEFAULT_FULL_SYNC_LOOKBACK_MS, type SyncDeps } from './deps.js';
import { syncStatements } from './sync-statements.js';
import { isUuid } from '../uuid.js';

/** What one calendar sync did. */
export interface SyncOutcome {
  /** False when nothing was owed (a duplicate job): no list call was made. */
  listed: boolean;
  /** events.list pages read. */
  pages: number;
  /** True when the stored sync token had expired (410) and a full sync was done instead. */
  fullSync: boolean;
  /** Sessions whose state changed. */
  updated: number;
}

/**
 * Brings one watched calendar up to date: lists what changed since the stored sync token (the first
 * time, or after a 410 `fullSyncRequired`, a full listing bounded to recent events), applies the
 * changes of Together's events to their sessions and stores the next token. Events of no session are
 * ignored and never stored. Notifications counted before the list started are settled by it; any that
 * came during it leave the calendar dirty for the next sync. A failure is recorded and rethrown (the
 * job retries with backoff); the calendar stays dirty, so the change is never lost. So is a session
 * caught in the middle of one of our own writes (`SyncDeferredError`): the token is not advanced past it.
 */
export async function syncCalendar(deps: SyncDeps, syncStateId: string, options: { force?: boolean } = {}): Promise<SyncOutcome> {
  const state = await syncStatements(deps.prisma).states.load(syncStateId);
  if (!state) return { listed: false, pages: 0, fullSync: false, updated: 0 };
  const owed = state.requestedCount !== state.syncedCount || !state.syncToken;
  if (!owed && !options.force) return { listed: false, pages: 0, fullSync: false, updated: 0 };
  const coveredCount = state.requestedCount;
  try {
    const { verifiedDomains } = state;
    const listing = await listChanges(deps, actAs(state.email, verifiedDomains), state.syncToken);
    let updated = 0;
    let deferred = 0;
    for (const [sessionId, eventState] of await sessionsTouched(deps, state, verifiedDomains, listing.events)) {
      const applied = await applyEventChange(deps, sessionId, await eventState());
      if (applied === 'updated') updated++;
      if (applied === 'deferred') deferred++;
    }
    // Settling now would move the token past a change that was not applied: keep the old token, the
    // calendar stays dirty, and the retry lists (and applies) the same changes again once the write is done.
    if (deferred > 0) throw new SyncDeferredError(deferred);
    await syncStatements(deps.prisma).settlements.load({
      syncStateId: state.id,
      syncToken: listing.nextSyncToken,
      coveredCount,
      finishedAt: deps.clock(),
    });
    return { listed: true, pages: listing.pages, fullSync: listing.fullSync, updated };
  } catch (error) {
    const failures = state.consecutiveFailures + 1;
    const reason =
      error instanceof GoogleApiError
        ? `${error.kind}${error.details.reason ? ` (${error.details.reason})` : ''}`
        : error instanceof SyncDeferredError
          ? 'waiting for a session write in progress'
          : 'internal error';
    await deps.prisma.calendarSyncState.update({
      where: { id: state.id },
      data: {
        consecutiveFailures: failures,
        lastError: reason,
        nextAttemptAt: new Date(deps.clock().getTime() + sweepBackoffMs(failures)),
      },
    });
    throw error;
  }
}

/**
 * How long the overdue sweep leaves a failing calendar alone: doubling per failure, at most 6 hours, so
 * a calendar that keeps failing (the app removed, the user gone) costs a few attempts a day, not one
 * round of job retries every reconciliation pass. A notification for it still syncs it at once.
 */
export const sweepBackoffMs = (consecutiveFailures: number): number => Math.min(2 ** consecutiveFailures * 1000, 6 * 3_600_000);

/** A sync that met sessions it could not apply yet (one of our own writes in progress): retried, not settled. */
export class SyncDeferredError extends Error {
  constructor(readonly sessions: number) {
    super(`${sessions} session(s) in the middle of a write; the calendar is synced again once it is done`);
    this.name = 'SyncDeferredError';
  }
}

interface Listing {
  events: CalendarEvent[];
  nextSyncToken: string | null;
  pages: number;
  fullSync: boolean;
}

/** Every page of changes; an expired token restarts as a bounded full listing. */
async function listChanges(deps: SyncDeps, calendarOwner: Impersonation, syncToken: string | null): Promise<Listing> {
  const timeMin = new Date(deps.clock().getTime() - (deps.fullSyncLookbackMs ?? DEFAULT_FULL_SYNC_LOOKBACK_MS));
  let token = syncToken;
  for (;;) {
    const events: CalendarEvent[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    try {
      for (;;) {
        const page = await deps.calendar.listEventChanges(calendarOwner, {
          ...(token ? { syncToken: token } : { timeMin }),
          ...(pageToken ? { pageToken } : {}),
        });
        pages++;
        events.push(...page.events);
        if (page.nextPageToken) {
          pageToken = page.nextPageToken;
          continue;
        }
        return { events, nextSyncToken: page.nextSyncToken ?? null, pages, fullSync: token === null };
      }
    } catch (error) {
      if (token && error instanceof GoogleApiError && error.kind === 'sync_token_expired') {
        token = null;
        continue;
      }
      throw error;
    }
  }
}

/**
 * The sessions the listed events belong to (by event id in this calendar, or by our private property),
 * each with how to read its event's current state. The organizer's own listing is authoritative; a
 * change seen in the attendee's calendar is re-read from the organizer's copy; our event in the
 * calendar of someone who is neither member means it was moved to another organizer.
 */
async function sessionsTouched(
  deps: SyncDeps,
  state: { organizationId: string; personId: string; calendarId: string },
  verifiedDomains: readonly string[],
  events: CalendarEvent[],
): Promise<Map<string, () => Promise<EventState>>> {
  const touched = new Map<string, () => Promise<EventState>>();
  if (events.length === 0) return touched;
  const byEventId = new Map(events.map((event) => [event.id, event]));
  const propertyIds = events.map((event) => event.privateProperties[SESSION_PROPERTY]).filter((id): id is string => !!id && isUuid(id));
  // Scoped to the calendar owner's organization: another tenant's sessions are never looked at.
  const sessions = await syncStatements(deps.prisma).sessions.load({
    organizationId: state.organizationId,
    eventIds: [...byEventId.keys()],
    sessionIds: propertyIds,
  });
  for (const session of sessions) {
    const event = session.googleEventId ? byEventId.get(session.googleEventId) : undefined;
    if (!event || !session.googleEventId) continue;
    const eventId = session.googleEventId;
    if (session.organizerId === state.personId && session.googleCalendarId === state.calendarId) {
      touched.set(session.id, async () => ({ kind: 'event', event }));
    } else if (session.attendeeId === state.personId || session.organizerId === state.personId) {
      touched.set(session.id, () => readOrganizerCopy(deps, actAs(session.organizerEmail, verifiedDomains), eventId));
    } else if (event.status !== 'cancelled' && event.privateProperties[SESSION_PROPERTY] === session.id) {
      touched.set(session.id, async () => ({ kind: 'moved', toCalendar: state.calendarId }));
    }
  }
  return touched;
}

/** The organizer's copy of an event, or `missing` when Google says it is gone. */
export async function readOrganizerCopy(deps: SyncDeps, organizer: Impersonation, eventId: string): Promise<EventState> {
  try {
    return { kind: 'event', event: await deps.calendar.getEvent(organizer, eventId) };
  } catch (error) {
    if (error instanceof GoogleApiError && (error.kind === 'not_found' || error.kind === 'gone')) return { kind: 'missing' };
    throw error;
  }
}
