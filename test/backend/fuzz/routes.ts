/**
 * What the fuzz knows of a route (its parameters, query and body, each with a valid value) and the
 * requests it makes of it. Every request has exactly one thing wrong — the credentials, a path
 * parameter, a query parameter, the body, its syntax, media type or encoding — so the answer it
 * must get is known: a 4xx with one of a few codes, and nothing changed. The one exception is a JSON
 * body sent to a read, which ignores it: the read's own 2xx (reads change nothing either).
 */
import { parse as parseQuery } from 'node:querystring';
import fc from 'fast-check';
import type { z } from 'zod';
import {
  anyJson,
  badPathSegment,
  badQueryValue,
  foreignCursor,
  hostileString,
  mutatedObject,
  rawQueryPair,
  withKey,
} from './arbitraries.js';
import type { FuzzRequest, FuzzWorld, WorldIds } from './world.js';

/** A path parameter: this organization's record (the route reaches its checks) and another organization's. */
export interface PathParam {
  own: (ids: WorldIds) => string;
  foreign: (ids: WorldIds) => string;
}

/**
 * How a query parameter's bad values are known to be bad: by the route's schema (`checked`), or because
 * only the use case refuses them: a cursor we never issued, a duration the program does not offer.
 */
export type QueryKey = 'checked' | 'cursor' | 'duration';

export interface BodySpec {
  schema: z.ZodType;
  /** Bulk upserts: each row's schema (rows are checked one by one in the use case). */
  rowSchema?: z.ZodType;
  valid: (ids: WorldIds) => Record<string, unknown>;
  /** Valid-shaped bodies naming another organization's records. */
  foreign?: (ids: WorldIds) => Array<Record<string, unknown>>;
}

export interface FuzzRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As mounted in Express, e.g. `/admin/v1/organizations/:organizationId/people`. */
  path: string;
  api: 'admin' | 'user';
  params?: Record<string, PathParam>;
  query?: { schema: z.ZodType; valid: Record<string, string>; keys: Record<string, QueryKey> };
  body?: BodySpec;
  /** Whether the route reads a JSON body (the edge then checks its media type and syntax). */
  readsBody: boolean;
  /** The documented answer of the read when nothing is wrong. */
  ok: number;
  /** A valid request asks Google (free/busy): then even the ignored-body case breaks something else, so Google is never asked. */
  readsGoogle?: boolean;
}

export type Fault =
  | 'credentials'
  | 'path'
  | 'query'
  | 'body'
  | 'foreign-body'
  | 'json-syntax'
  | 'media-type'
  | 'encoding'
  | 'read-with-body'
  | 'dry-run'
  | 'headers';

/** What a request must be answered: a 4xx with one of `codes`, or (when given) the read's own status. */
export interface FuzzCase {
  route: string;
  fault: Fault;
  request: FuzzRequest;
  codes: readonly string[];
  ok?: number;
  /** The OAuth callback's answer: an HTML page with this status. */
  page?: number;
  /** GET /metrics's answer: the Prometheus text format (text/plain) with this status. */
  text?: number;
  /** A served file's answer (the API reference page and its script): this status with a content type starting so. */
  served?: { status: number; type: string };
  /** The console's sign-in routes: a 303 whose Location is one of these (its query in any order after them). */
  redirects?: readonly string[];
}

export const routeKey = (route: { method: string; path: string }): string => `${route.method} ${route.path}`;

/** Session lengths a program may offer: a slot query for one of them is valid (and asks Google). */
const OFFERED_DURATIONS = [30, 45, 60];

const BODY_CODES = ['invalid_request', 'malformed_json', 'json_too_complex', 'payload_too_large', 'invalid_rows', 'batch_too_large'];
const SYNTAX_CODES = ['malformed_json', 'json_too_complex', 'payload_too_large'];
const FOREIGN_BODY_CODES = ['not_found', 'forbidden', 'domain_unavailable', 'invalid_rows'];

/** Whether a path segment is valid percent-encoding (the router answers 400 for one that is not). */
const decodes = (segment: string): boolean => {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
};

export const printable = fc.stringMatching(/^[\x21-\x7e]{0,80}$/);

/** The requests the fuzz makes of `route`, each with the answer it must get. */
export function casesOf(route: FuzzRoute, world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const { ids } = world;
  const credentials = route.api === 'admin' ? `Bearer ${world.adminToken}` : `Bearer ${world.userToken}`;
  const otherCredentials = route.api === 'admin' ? `Bearer ${world.userToken}` : `Bearer ${world.adminToken}`;
  const params = route.params ?? {};
  const ownPath = (override: Record<string, string> = {}) =>
    route.path.replace(/:(\w+)/g, (_, name: string) => override[name] ?? encodeURIComponent(params[name]!.own(ids)));
  const validQuery = new URLSearchParams(route.query?.valid ?? {}).toString();
  const url = (path: string, query = validQuery) => (query ? `${path}?${query}` : path);
  const validBody = route.body?.valid(ids);
  const json = (value: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
  /** A request with the valid credentials, path, query and body, but for what `parts` replaces (an empty header is left out). */
  const make = (
    fault: Fault,
    codes: readonly string[],
    parts: { url?: string; headers?: Record<string, string>; body?: string },
    ok?: number,
  ): FuzzCase => {
    const body = parts.body ?? (validBody ? JSON.stringify(validBody) : undefined);
    const headers = { authorization: credentials, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...parts.headers };
    const request: FuzzRequest = {
      method: route.method,
      url: parts.url ?? url(ownPath()),
      headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '')),
      ...(body === undefined ? {} : { body }),
    };
    return { route: routeKey(route), fault, request, codes, ...(ok === undefined ? {} : { ok }) };
  };
  // Weighted towards what reaches the routes' own code: bodies, queries and paths; the edge's refusals are cheap to cover.
  const cases: Array<fc.WeightedArbitrary<FuzzCase>> = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<FuzzCase>) => cases.push({ weight, arbitrary });

  add(
    1,
    fc
      .oneof(
        fc.constantFrom(
          '',
          'Bearer',
          'Bearer ',
          'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
          'Bearer tgc_nope',
          'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
          otherCredentials,
          `${credentials}x`,
          credentials.slice(0, -1),
        ),
        printable.map((text) => `Bearer ${text}`),
      )
      .map((authorization) => make('credentials', ['unauthenticated'], { headers: { authorization } })),
  );
  // A console cookie we never issued instead of a token; the admin API refuses a cross-site write with a cookie before reading it.
  const consoleCookie = fc
    .tuple(
      fc.constantFrom('A'.repeat(43), '', 'x', '%00', 'tgc_nope'),
      fc.constantFrom<Record<string, string>>({}, { origin: 'https://evil.test' }),
    )
    .map(([value, site]) => {
      const crossSite = route.api === 'admin' && route.method !== 'GET';
      return make('credentials', crossSite ? ['unauthenticated', 'cross_site_request'] : ['unauthenticated'], {
        headers: { authorization: '', cookie: `together_console=${value}`, ...site },
      });
    });
  add(1, consoleCookie);

  const names = Object.keys(params);
  if (names.length > 0) {
    const bad = fc
      .constantFrom(...names)
      .chain((name) =>
        fc
          .oneof(badPathSegment, fc.constantFrom(params[name]!.foreign(ids), params[name]!.foreign(ids).toUpperCase()))
          .map((value) => ({ [name]: value })),
      );
    const refusal = route.api === 'admin' ? 'not_found' : 'forbidden';
    add(
      2,
      bad.map((override) =>
        make('path', decodes(Object.values(override)[0]!) ? [refusal] : ['invalid_request'], { url: url(ownPath(override)) }),
      ),
    );
  }

  if (route.query) {
    const { schema, valid, keys } = route.query;
    // A read may take what its schema takes (its 2xx changes nothing either): hostile text in a valid query still reaches the database.
    const mayAnswer = route.method === 'GET' && !route.readsGoogle ? route.ok : undefined;
    const pairs = fc.constantFrom(...Object.keys(keys)).chain((key) => {
      const kind = keys[key]!;
      const others = new URLSearchParams(Object.entries(valid).filter(([name]) => name !== key)).toString();
      const values = kind === 'cursor' ? foreignCursor : badQueryValue;
      return rawQueryPair(key, values)
        .map((pair) => (others ? `${others}&${pair}` : pair))
        .filter((query) => {
          const parsed = parseQuery(query);
          const value = parsed[key];
          if (kind === 'duration' && OFFERED_DURATIONS.includes(Number(value))) return false;
          // Refused by the route's schema, or a plain value that only the use case can refuse (a cursor we never issued).
          return (
            mayAnswer !== undefined ||
            !schema.safeParse(parsed).success ||
            (kind !== 'checked' && typeof value === 'string' && value !== '')
          );
        });
    });
    add(
      3,
      pairs.map((query) =>
        make('query', ['invalid_request', 'invalid_time_range', 'duration_not_offered'], { url: url(ownPath(), query) }, mayAnswer),
      ),
    );
  }

  if (route.body && validBody) {
    const { schema, rowSchema, foreign } = route.body;
    // Checked as the server will see it, after JSON's round trip (NaN → null, -0 → 0).
    const refused = (sent: unknown) => {
      const body = JSON.parse(JSON.stringify(sent)) as unknown;
      if (!schema.safeParse(body).success) return true;
      return rowSchema !== undefined && ((body as { rows: unknown[] }).rows ?? []).some((row) => !rowSchema.safeParse(row).success);
    };
    const rows = (validBody.rows as Array<Record<string, unknown>> | undefined) ?? [];
    const mutated = fc.oneof(
      mutatedObject(validBody),
      anyJson,
      ...(rowSchema
        ? [
            fc
              .tuple(fc.nat(rows.length - 1), mutatedObject(rows[0]!))
              .map(([index, row]) => ({ rows: rows.map((r, i) => (i === index ? row : r)) })),
            fc.constant({ rows: new Array(5_001).fill(0) }),
          ]
        : []),
    );
    add(
      5,
      mutated.filter(refused).map((body) => make('body', BODY_CODES, json(body))),
    );
    if (foreign)
      add(
        1,
        fc.constantFrom(...foreign(ids)).map((body) => make('foreign-body', FOREIGN_BODY_CODES, json(body))),
      );
    if (rowSchema) {
      const hostileRows = fc
        .tuple(fc.nat(rows.length - 1), fc.constantFrom(...Object.keys(rows[0]!)), hostileString)
        .map(([index, field, value]) => ({ rows: rows.map((r, i) => (i === index ? withKey(r, field, value) : r)) }));
      // A dry run answers 200 for valid rows and writes nothing, so the hostile strings may reach the database's reads.
      add(
        2,
        hostileRows.map((body) =>
          make(
            'dry-run',
            ['invalid_rows', 'invalid_request', 'payload_too_large'],
            { ...json(body), url: url(ownPath(), 'dryRun=true') },
            200,
          ),
        ),
      );
    }
  }

  if (route.readsBody) {
    const notAnObject = (text: string) => {
      try {
        const value = JSON.parse(text) as unknown;
        return typeof value !== 'object' || value === null;
      } catch {
        return text !== '';
      }
    };
    const syntax = fc.oneof(
      fc.constantFrom(
        '{"a":',
        '{',
        '[1,]',
        'NaN',
        "{'a':1}",
        '1',
        '"text"',
        'null',
        'true',
        '{"a":1}{"b":2}',
        '{"a":"\\x"}',
        '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]',
      ),
      fc.string({ maxLength: 30 }).filter(notAnObject),
    );
    add(
      1,
      syntax.map((body) => make('json-syntax', SYNTAX_CODES, { body, headers: { 'content-type': 'application/json' } })),
    );
  }
  const bodyText = JSON.stringify(validBody ?? { a: 1 });
  const mediaTypes = fc.constantFrom(
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/plain',
    'application/xml',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/jsonx',
    '',
  );
  add(
    1,
    mediaTypes.map((type) =>
      make(
        'media-type',
        route.readsBody ? ['unsupported_media_type'] : [],
        { body: bodyText, headers: { 'content-type': type } },
        route.readsBody ? undefined : route.ok,
      ),
    ),
  );
  add(
    1,
    fc.constantFrom('gzip', 'br', 'deflate', 'x-unknown', 'gzip, identity').map((encoding) =>
      make('encoding', ['unsupported_content_encoding'], {
        body: bodyText,
        headers: { 'content-encoding': encoding, 'content-type': 'application/json' },
      }),
    ),
  );
  if (route.method === 'GET' && !route.readsGoogle) {
    add(
      1,
      anyJson.map((body) => make('read-with-body', SYNTAX_CODES, json(body), route.ok)),
    );
  }
  return fc.oneof(...cases);
}
