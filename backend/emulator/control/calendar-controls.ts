/** "Act as a user in Google Calendar": create, move, edit, cancel, RSVP; read calendars; expire sync tokens. */
import { Router, type Request } from 'express';
import { writeOptions } from '../calendar/access.js';
import { deleteEvent, insertEvent, patchEvent, respondToEvent } from '../calendar/event-writes.js';
import type { CalendarEntry, ResponseStatus } from '../calendar/model.js';
import { presentEvent } from '../calendar/present.js';
import { invalid, notFound } from '../errors.js';
import { jsonBody } from '../http.js';
import type { EmulatorState } from '../state.js';
import { controlRoute, pathParam } from './route.js';

const RESPONSES: readonly string[] = ['accepted', 'declined', 'tentative', 'needsAction'];

/** An event as the API shows it, plus what only the emulator knows (for assertions). */
const presentForControl = (entry: CalendarEntry): Record<string, unknown> => ({
  ...presentEvent(entry),
  emulator: {
    sendUpdates: entry.event.sendUpdates,
    organizerCalendarId: entry.event.organizerCalendarId,
    copies: [...entry.event.copies.keys()],
  },
});

export function calendarControls(state: EmulatorState): Router {
  const router = Router();
  const calendarOf = (req: Request) => state.calendarOf(state.requireUser(pathParam(req, 'email')));
  const entryOf = (req: Request): CalendarEntry => {
    const entry = calendarOf(req).entries.get(pathParam(req, 'eventId'));
    if (!entry) throw notFound();
    return entry;
  };

  router.get(
    '/users/:email/events',
    controlRoute((req) => ({ items: [...calendarOf(req).entries.values()].map(presentForControl) })),
  );
  router.get(
    '/users/:email/events/:eventId',
    controlRoute((req) => presentForControl(entryOf(req))),
  );
  router.post(
    '/users/:email/events',
    controlRoute((req) => presentForControl(insertEvent(state, calendarOf(req), jsonBody(req), writeOptions(req)))),
  );
  router.patch(
    '/users/:email/events/:eventId',
    controlRoute((req) => {
      const entry = entryOf(req);
      patchEvent(state, entry, jsonBody(req), writeOptions(req));
      return presentForControl(entry);
    }),
  );
  router.post(
    '/users/:email/events/:eventId/move',
    controlRoute((req) => {
      const entry = entryOf(req);
      const body = jsonBody(req);
      if (body.start === undefined || body.end === undefined) throw invalid('start and end are required');
      patchEvent(state, entry, { start: body.start, end: body.end }, writeOptions(req));
      return presentForControl(entry);
    }),
  );
  router.post(
    '/users/:email/events/:eventId/respond',
    controlRoute((req) => {
      const entry = entryOf(req);
      const status = jsonBody(req).responseStatus;
      if (typeof status !== 'string' || !RESPONSES.includes(status))
        throw invalid('responseStatus must be accepted, declined, tentative or needsAction');
      respondToEvent(state, entry, status as ResponseStatus);
      return presentForControl(entry);
    }),
  );
  router.delete(
    '/users/:email/events/:eventId',
    controlRoute((req) => deleteEvent(state, entryOf(req), writeOptions(req))),
  );
  router.post(
    '/calendars/:calendarId/expireSyncTokens',
    controlRoute((req) => {
      if (!state.store.expireSyncTokens(pathParam(req, 'calendarId'))) throw notFound();
    }),
  );
  return router;
}
