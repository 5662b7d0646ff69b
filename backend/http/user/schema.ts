import { z } from 'zod';
import { timeZoneSchema } from '../../domain/values.js';

const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00Z' })
  .meta({ examples: ['2027-03-16T17:00:00+01:00'] })
  .transform((value) => new Date(value));
const duration = z.coerce.number().int().positive();
/** The zone to show times in: an IANA name, answered in its canonical spelling; anything else is a 400 `invalid_time_zone`. */
const zoneField = timeZoneSchema.optional();

/** `?duration=&from=&to=&timeZone=` of the slot routes. */
export const slotsQuery = z.object({
  /** Absent: the program's first offered length. */
  duration: duration.optional(),
  from: instant.optional(),
  to: instant.optional(),
  timeZone: zoneField,
});

/** `POST /matchings/:matchingId/sessions`. */
export const bookBody = z.strictObject({
  start: instant,
  durationMinutes: z.number().int().positive(),
  timeZone: zoneField,
});

/** `POST /sessions/:sessionId/reschedule`: the version read, the new start, optionally a new length. */
export const rescheduleBody = z.strictObject({
  version: z.number().int().positive(),
  start: instant,
  durationMinutes: z.number().int().positive().optional(),
  timeZone: zoneField,
});

/** `POST /sessions/:sessionId/cancel`. */
export const cancelBody = z.strictObject({
  version: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
  timeZone: zoneField,
});

/** `GET /sessions/by-event?calendarId=&eventId=`. */
export const byEventQuery = z.object({
  calendarId: z.string().min(1).max(1024),
  eventId: z.string().min(1).max(1024),
  timeZone: zoneField,
});

/** `GET /sessions/upcoming?limit=`. */
export const upcomingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  timeZone: zoneField,
});

/** `?timeZone=` alone. */
export const zoneQuery = z.object({ timeZone: zoneField });
