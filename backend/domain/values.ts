import { z } from 'zod';
import { CURRENT_ZONE_NAMES } from './time-zone-names.js';

/** Rules for values that arrive from admins: emails, DNS names, time zones, working hours. */

/** An email address, trimmed and lower-cased (the database only holds lower case). */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .meta({ examples: ['ana.garcia@acme.test'] })
  .pipe(z.email({ error: 'must be an email address' }))
  .transform((email) => email.toLowerCase());

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A Workspace domain: a lower-cased DNS name with at least two labels and an alphabetic top-level label. */
export const domainNameSchema = z
  .string()
  .trim()
  .meta({ examples: ['acme.test'] })
  .transform((name) => name.toLowerCase().replace(/\.$/, ''))
  .refine(isDomainName, { message: 'must be a DNS name like example.com' });

function isDomainName(name: string): boolean {
  const labels = name.split('.');
  return (
    name.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => DNS_LABEL.test(label)) &&
    /^[a-z][a-z0-9-]*$/.test(labels.at(-1) ?? '')
  );
}

const NAMED_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * The canonical spelling of an IANA time zone name (`europe/madrid` → `Europe/Madrid`, `utc` → `UTC`),
 * under its current name (`Asia/Calcutta` and `asia/kolkata` → `Asia/Kolkata`: ICU's own answer is
 * CLDR's first name for the zone, mapped to IANA's current one by CURRENT_ZONE_NAMES), or undefined
 * for anything else, including fixed offsets like `+01:00` that ICU would also accept.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!NAMED_ZONE.test(name)) return undefined;
  if (knownZones.has(name)) return knownZones.get(name);
  let zone: string | undefined;
  try {
    const icu = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    zone = CURRENT_ZONE_NAMES[icu] ?? icu;
  } catch {
    zone = undefined;
  }
  // Building a DateTimeFormat costs ~0.1 ms, a lot over a 5,000-row batch; there are only ~600 zones.
  if (knownZones.size < 2000) knownZones.set(name, zone);
  return zone;
}

const knownZones = new Map<string, string | undefined>();

/** An IANA time zone name, stored in its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .trim()
  .meta({ examples: ['Europe/Madrid'] })
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (zone) return zone;
    ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone like Europe/Madrid', params: { code: 'invalid_time_zone' } });
    return z.NEVER;
  });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A day's time, "HH:MM", 00:00 to 24:00. */
const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time "HH:MM" between 00:00 and 24:00');

const interval = z.tuple([clockTime, clockTime]).refine(([start, end]) => start < end, {
  message: 'must start before it ends',
  params: { code: 'invalid_interval' },
});

/** Weekly working hours in canonical form: days in week order, intervals sorted, no empty days. */
export type WorkingHours = Partial<Record<Weekday, [string, string][]>>;

/**
 * Working hours `{mon: [["09:00","17:00"]], …}`: each interval starts before it ends, and a day's
 * intervals do not overlap. Absent (or empty) days are days off.
 */
export const workingHoursSchema = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(interval).max(24).optional()])) as Record<
      Weekday,
      z.ZodOptional<z.ZodArray<typeof interval>>
    >,
  )
  .transform((hours, ctx) => {
    const canonical: WorkingHours = {};
    for (const day of WEEKDAYS) {
      const intervals = [...(hours[day] ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (let i = 1; i < intervals.length; i++) {
        const previous = intervals[i - 1];
        const current = intervals[i];
        if (previous && current && current[0] < previous[1]) {
          ctx.addIssue({ code: 'custom', path: [day], message: 'intervals must not overlap', params: { code: 'overlapping_intervals' } });
          return z.NEVER;
        }
      }
      if (intervals.length > 0) canonical[day] = intervals;
    }
    return canonical;
  });

/** Monday to Friday, 09:00–17:00: the working hours of a person created without any. */
export const DEFAULT_WORKING_HOURS: WorkingHours = Object.fromEntries(
  WEEKDAYS.slice(0, 5).map((day) => [day, [['09:00', '17:00']]]),
) as WorkingHours;

/** A field-level problem, as bulk upserts and 400s report it. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `workingHours.mon.0`. */
  field: string;
  /** Stable code: zod's issue code, or ours (`invalid_time_zone`, `not_found`, `duplicate_in_batch`, …). */
  code: string;
  message: string;
}

/** Flattens zod issues into field issues, preferring our own codes set through `params.code`. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String);
    // An unknown key (often a typo) is reported at that key, so the field path points at it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), code: 'unrecognized_key', message: 'unknown field' }));
    }
    const own = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
    return [{ field: path.join('.'), code: typeof own === 'string' ? own : issue.code, message: issue.message }];
  });
}
