/** `calendar.events.list`: filters, keyset paging, and incremental sync with sync tokens (§B4). */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Caller } from '../auth/access.js';
import { fullSyncRequired, invalid, timeRangeEmpty, type GoogleApiError } from '../errors.js';
import { queryList, queryString } from '../http.js';
import type { EmulatorState } from '../state.js';
import { callerCalendar } from './access.js';
import { entryStatus, type Calendar, type CalendarEntry } from './model.js';
import { presentEvent } from './present.js';
import { isoMillis, parseTimestamp } from './times.js';

const DEFAULT_PAGE = 250;
const MAX_PAGE = 2500;
const FORBIDDEN_WITH_SYNC = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
];

/** A sync token: calendar, generation (expiry), change number the token covers up to. */
const syncTokenSchema = z.object({ c: z.string(), g: z.number(), s: z.number() });
type SyncToken = z.infer<typeof syncTokenSchema>;

/** A page token: sort key of the last item returned, and the change number when the listing began. */
const pageTokenSchema = z.object({ k: z.tuple([z.number(), z.string()]), s: z.number() });
type PageToken = z.infer<typeof pageTokenSchema>;

const encode = (value: SyncToken | PageToken): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(token: string, error: () => GoogleApiError): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw error();
  }
}

function readSyncToken(raw: string, calendar: Calendar): SyncToken {
  const token = syncTokenSchema.safeParse(decode(raw, () => invalid('Invalid sync token value.', 'syncToken')));
  if (!token.success || token.data.c !== calendar.id) throw invalid('Invalid sync token value.', 'syncToken');
  if (token.data.g !== calendar.syncGeneration) throw fullSyncRequired();
  return token.data;
}

function readPageToken(raw: string): PageToken {
  const token = pageTokenSchema.safeParse(decode(raw, () => invalid('Invalid page token value.', 'pageToken')));
  if (!token.success) throw invalid('Invalid page token value.', 'pageToken');
  return token.data;
}

function readTime(req: Request, name: string): number | undefined {
  const raw = queryString(req, name);
  if (raw === undefined) return undefined;
  const ms = parseTimestamp(raw);
  if (Number.isNaN(ms)) throw invalid(`Bad Request`, name);
  return ms;
}

/** `key=value` filters; every one must match. */
function readPropertyFilters(req: Request, name: string): Array<[string, string]> {
  return queryList(req, name).map((filter) => {
    const at = filter.indexOf('=');
    if (at <= 0) throw invalid(`Invalid value for: ${name}`, name);
    return [filter.slice(0, at), filter.slice(at + 1)];
  });
}

function readMaxResults(req: Request): number {
  const raw = queryString(req, 'maxResults');
  if (raw === undefined) return DEFAULT_PAGE;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw invalid(`Invalid value '${raw}'. Values must be within the range: [1, 2500]`, 'maxResults');
  return Math.min(value, MAX_PAGE);
}

const matchesText = (entry: CalendarEntry, q: string): boolean => {
  const { fields, attendees } = entry.event;
  const haystack = [fields.summary, fields.description, fields.location, ...attendees.map((a) => a.email)]
    .filter((v) => typeof v === 'string')
    .join('\n')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
};

export function eventsList(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const calendar = callerCalendar(state, caller, String((req.params as { calendarId: string }).calendarId));
    const rawSync = queryString(req, 'syncToken');
    const showDeleted = queryString(req, 'showDeleted') === 'true';
    const singleEvents = queryString(req, 'singleEvents') === 'true';
    const orderBy = queryString(req, 'orderBy');
    const maxResults = readMaxResults(req);
    if (rawSync !== undefined) {
      const clash = FORBIDDEN_WITH_SYNC.find((name) => req.query[name] !== undefined);
      if (clash) throw invalid(`The parameter ${clash} cannot be used together with syncToken.`, clash);
      if (queryString(req, 'showDeleted') === 'false')
        throw invalid('showDeleted=false cannot be used together with syncToken.', 'showDeleted');
    }
    if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw invalid(`Invalid value for: orderBy`, 'orderBy');
    if (orderBy === 'startTime' && !singleEvents)
      throw invalid('The requested ordering is not available for the particular query.', 'orderBy');
    const sync = rawSync === undefined ? undefined : readSyncToken(rawSync, calendar);
    const timeMin = readTime(req, 'timeMin');
    const timeMax = readTime(req, 'timeMax');
    if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) throw timeRangeEmpty();
    const updatedMin = readTime(req, 'updatedMin');
    const privateFilters = readPropertyFilters(req, 'privateExtendedProperty');
    const sharedFilters = readPropertyFilters(req, 'sharedExtendedProperty');
    const q = queryString(req, 'q');
    const iCalUID = queryString(req, 'iCalUID');
    const rawPage = queryString(req, 'pageToken');
    const page = rawPage === undefined ? undefined : readPageToken(rawPage);
    const startedAt = page?.s ?? state.store.currentChangeSeq;

    const include = (entry: CalendarEntry): boolean => {
      const event = entry.event;
      if (sync) return entry.changeSeq > sync.s;
      if (entryStatus(entry) === 'cancelled' && !showDeleted && updatedMin === undefined) return false;
      if (timeMin !== undefined && event.endMs <= timeMin) return false;
      if (timeMax !== undefined && event.startMs >= timeMax) return false;
      if (updatedMin !== undefined && entry.updatedMs < updatedMin) return false;
      if (iCalUID !== undefined && event.iCalUID !== iCalUID) return false;
      if (privateFilters.some(([k, v]) => entry.privateProperties?.[k] !== v)) return false;
      if (sharedFilters.some(([k, v]) => event.sharedProperties?.[k] !== v)) return false;
      return q === undefined || matchesText(entry, q);
    };
    // Sync pages follow change order; others start time (or last update) — ties broken by id.
    const sortValue = (entry: CalendarEntry): number =>
      sync ? entry.changeSeq : orderBy === 'updated' ? entry.updatedMs : entry.event.startMs;
    const after = (entry: CalendarEntry): boolean => {
      if (!page) return true;
      const value = sortValue(entry);
      return value > page.k[0] || (value === page.k[0] && entry.event.id > page.k[1]);
    };
    const matching: CalendarEntry[] = [];
    for (const entry of calendar.entries.values()) if (include(entry) && after(entry)) matching.push(entry);
    matching.sort((a, b) => sortValue(a) - sortValue(b) || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
    const items = matching.slice(0, maxResults);
    const last = items[items.length - 1];
    const more = matching.length > items.length && last !== undefined;
    const latest = items.reduce((max, entry) => Math.max(max, entry.updatedMs), 0);
    const covered = Math.max(startedAt, sync?.s ?? 0, ...(sync ? items.map((e) => e.changeSeq) : []));
    res.json({
      kind: 'calendar#events',
      etag: `"p${(latest || state.clock.now()) * 1000}g"`,
      summary: calendar.summary,
      description: '',
      updated: isoMillis(latest || state.clock.now()),
      timeZone: calendar.timeZone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      ...(more ? { nextPageToken: encode({ k: [sortValue(last), last.event.id], s: startedAt }) } : {}),
      // Only the last page carries the sync token; an `orderBy` listing gets none (as reported of Google).
      ...(!more && orderBy === undefined ? { nextSyncToken: encode({ c: calendar.id, g: calendar.syncGeneration, s: covered }) } : {}),
      items: items.map(presentEvent),
    });
  };
}
