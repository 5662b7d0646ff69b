/**
 * The routes outside the two APIs — health, metrics, Google's push webhook, Google's redirect to the OAuth
 * callback and its confirmation form, the console's sign-in, sign-out and sandbox link — and paths no route serves, with the requests the fuzz makes of each and their answers.
 */
import fc from 'fast-check';
import { anyJson, badQueryValue, hostileString, percentEncode } from './arbitraries.js';
import { CONSOLE_PAGE_ROUTES, consolePages } from './console-routes.js';
import { printable, type FuzzCase } from './routes.js';
import type { FuzzTarget } from './run.js';
import type { FuzzRequest, FuzzWorld } from './world.js';

/** A body of some type, or none; with an encoding (gzip, …) a body is refused on every route, before anything else. */
const anyBody = fc.option(
  fc.record({
    text: fc.oneof(
      anyJson.map((value) => JSON.stringify(value)),
      hostileString.filter((text) => text.length < 5_000),
    ),
    type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
    encoding: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('gzip', 'br', 'deflate') }),
  }),
  { freq: 3 },
);

/** Junk query strings: unknown keys, hostile values, mis-encodings. */
const anyQuery = fc.oneof(
  fc
    .array(fc.tuple(fc.string({ maxLength: 10 }), badQueryValue), { maxLength: 4 })
    .map((pairs) => pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&')),
  fc.constantFrom('%E0%A4%A', '%', '&&&', '=', 'a=%00', '__proto__[x]=1', 'constructor[prototype][x]=1'),
);

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

/** The request with `body` (and its headers) added; with an encoding, the one answer any route may give. */
function withBody(
  request: FuzzRequest,
  body: { text: string; type: string; encoding: string | null } | null,
): { request: FuzzRequest; encoded: boolean } {
  if (!body) return { request, encoded: false };
  const headers = {
    ...request.headers,
    ...(body.type ? { 'content-type': body.type } : {}),
    ...(body.encoding ? { 'content-encoding': body.encoding } : {}),
  };
  return { request: { ...request, headers, body: body.text }, encoded: body.encoding !== null && body.text !== '' };
}

const ENCODED = ['unsupported_content_encoding'];

/**
 * Google's notifications: a missing channel or state header is 400, a channel we never opened 404
 * `unknown_channel`, a live one with any token but its secret 403 `forbidden`. The secret is never sent.
 */
const webhook: FuzzTarget = {
  key: 'POST /webhooks/google-calendar',
  cases: (world) =>
    fc
      .record({
        channel: fc.oneof(fc.constant(''), fc.constant(world.channelId), printable, fc.uuid()),
        state: fc.oneof(fc.constantFrom('', 'exists', 'sync', 'not_exists'), printable),
        token: fc.oneof(fc.constant(''), printable),
        number: fc.oneof(fc.constant(''), printable),
        body: anyBody,
      })
      .map(({ channel, state, token, number, body }): FuzzCase => {
        const headers = Object.fromEntries(
          Object.entries({
            'x-goog-channel-id': channel,
            'x-goog-resource-state': state,
            'x-goog-channel-token': token,
            'x-goog-message-number': number,
          }).filter(([, value]) => value !== ''),
        );
        const { request, encoded } = withBody({ method: 'POST', url: '/webhooks/google-calendar', headers }, body);
        const codes = encoded
          ? ENCODED
          : !channel || !state
            ? ['invalid_request']
            : channel === world.channelId
              ? ['forbidden']
              : ['unknown_channel'];
        return { route: webhook.key, fault: 'headers', request, codes };
      }),
};

/** Google's redirect with a state that is not ours (or none, or repeated, or too long): the 400 page, and nothing changes. */
const callback: FuzzTarget = {
  key: 'GET /admin/oauth/callback',
  cases: () => {
    const value = fc.oneof(printable, badQueryValue, fc.constantFrom('x'.repeat(600), 'access_denied'));
    const pair = fc
      .tuple(fc.constantFrom('state', 'code', 'error', 'scope', 'hd', 'prompt', 'authuser'), value)
      .map(([key, v]) => `${key}=${percentEncode(v)}`);
    return fc.tuple(fc.array(pair, { maxLength: 5 }), anyBody).map(([pairs, body]): FuzzCase => {
      const { request, encoded } = withBody({ method: 'GET', url: withQuery('/admin/oauth/callback', pairs.join('&')), headers: {} }, body);
      return { route: callback.key, fault: 'query', request, codes: encoded ? ENCODED : [], ...(encoded ? {} : { page: 400 }) };
    });
  },
};

/**
 * The confirmation page's form, posted with secrets we never issued, other fields, other media types
 * or from another site: a 403 page from another site, else the 400 page, and nothing changes.
 */
const confirm: FuzzTarget = {
  key: 'POST /admin/oauth/confirm',
  cases: () => {
    const field = fc.tuple(
      fc.constantFrom('confirmation', 'decision', 'state', '__proto__', 'x'),
      fc.oneof(printable, badQueryValue, fc.constantFrom('verify', 'decline', 'A'.repeat(43))),
    );
    const form = fc.array(field, { maxLength: 5 }).map((pairs) => ({
      text: pairs.map(([key, v]) => `${key}=${percentEncode(v)}`).join('&'),
      type: 'application/x-www-form-urlencoded',
      encoding: null,
    }));
    const site = fc.constantFrom<Record<string, string>>(
      {},
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    );
    return fc.tuple(fc.oneof(form, anyBody), site).map(([body, headers]): FuzzCase => {
      const { request, encoded } = withBody({ method: 'POST', url: '/admin/oauth/confirm', headers }, body);
      const crossSite = headers['sec-fetch-site'] === 'cross-site' || headers.origin !== undefined;
      return {
        route: confirm.key,
        fault: 'headers',
        request,
        codes: encoded ? ENCODED : [],
        ...(encoded ? {} : { page: crossSite ? 403 : 400 }),
      };
    });
  },
};

/** How a browser's request says where it comes from: the console's own page, another site, or nothing at all. */
const CONSOLE = { host: 'localhost:8080', origin: 'http://localhost:8080' };
const consoleSite = fc.constantFrom<Record<string, string>>(
  CONSOLE,
  { host: CONSOLE.host, 'sec-fetch-site': 'same-origin' },
  { host: CONSOLE.host },
  { host: CONSOLE.host, 'sec-fetch-site': 'none' },
  { ...CONSOLE, 'sec-fetch-site': 'cross-site' },
  { host: CONSOLE.host, origin: 'https://evil.example' },
  { host: CONSOLE.host, origin: 'null' },
  { host: CONSOLE.host, origin: 'https://localhost:8080' },
  { host: CONSOLE.host, origin: 'http://localhost:8081' },
);
/** The console's page, or its https page behind a TLS proxy this app sees as plain http. */
const CONSOLE_ORIGINS = [CONSOLE.origin, 'https://localhost:8080'];
const sameOrigin = (headers: Record<string, string>) =>
  headers.origin !== undefined
    ? CONSOLE_ORIGINS.includes(headers.origin) && headers['sec-fetch-site'] !== 'cross-site'
    : headers['sec-fetch-site'] === 'same-origin';
/** A console cookie we never issued, or none. */
const anyConsoleCookie = fc.option(
  fc.oneof(printable, fc.constantFrom('A'.repeat(43), '%00')).map((value) => `together_console=${value}`),
  { freq: 2 },
);

/**
 * The sign-in form, posted with tokens we never issued (or none), any `next`, other fields, other media
 * types, from any site: from another site (or one that says nothing) 403 `cross_site_request`, else the
 * form again with its error (303); a body too large or unreadable its 4xx. Nobody is signed in.
 */
const signIn: FuzzTarget = {
  key: 'POST /admin/sign-in',
  cases: () => {
    const field = fc.tuple(
      fc.constantFrom('token', 'next', 'x', '__proto__', 'token'),
      fc.oneof(printable, badQueryValue, fc.constantFrom(`tgc_${'A'.repeat(43)}`, '//evil.test', '/admin/../x', '/admin/')),
    );
    const form = fc.array(field, { maxLength: 12 }).map((pairs) => ({
      text: pairs.map(([key, v]) => `${key}=${percentEncode(v)}`).join('&'),
      type: 'application/x-www-form-urlencoded',
      encoding: null,
    }));
    return fc.tuple(fc.oneof(form, anyBody), consoleSite).map(([body, headers]): FuzzCase => {
      const { request, encoded } = withBody({ method: 'POST', url: '/admin/sign-in', headers }, body);
      if (encoded) return { route: signIn.key, fault: 'headers', request, codes: ENCODED };
      if (!sameOrigin(headers)) return { route: signIn.key, fault: 'headers', request, codes: ['cross_site_request'] };
      return {
        route: signIn.key,
        fault: 'body',
        request,
        codes: ['payload_too_large', 'unreadable_body', 'unsupported_media_type'],
        redirects: ['/admin/sign-in?error=token_missing', '/admin/sign-in?error=token_not_accepted'],
      };
    });
  },
};

/** Sign-out with a cookie we never issued (or none): 403 from another site, else the sign-in form (`signed_out`); nothing ends. */
const signOut: FuzzTarget = {
  key: 'POST /admin/sign-out',
  cases: () =>
    fc.tuple(anyConsoleCookie, consoleSite, anyBody).map(([cookie, site, body]): FuzzCase => {
      const { request, encoded } = withBody(
        { method: 'POST', url: '/admin/sign-out', headers: { ...site, ...(cookie ? { cookie } : {}) } },
        body,
      );
      if (encoded) return { route: signOut.key, fault: 'headers', request, codes: ENCODED };
      if (!sameOrigin(site)) return { route: signOut.key, fault: 'headers', request, codes: ['cross_site_request'] };
      return { route: signOut.key, fault: 'credentials', request, codes: [], redirects: ['/admin/sign-in?error=signed_out'] };
    }),
};

/** The sandbox's link with codes we never issued: the used-or-expired redirect, or 403 `forbidden` for a client a proxy names elsewhere. */
const signInLink: FuzzTarget = {
  key: 'GET /admin/sign-in/link',
  cases: () => {
    const code = fc.oneof(printable, badQueryValue, fc.constantFrom('A'.repeat(43), ''));
    const query = fc.oneof(
      code.map((value) => `code=${percentEncode(value)}`),
      fc.tuple(code, code).map(([a, b]) => `code=${percentEncode(a)}&code=${percentEncode(b)}`),
      anyQuery,
    );
    const forwarded = fc.constantFrom<Record<string, string>>(
      {},
      {},
      { 'x-forwarded-for': '127.0.0.1' },
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=unknown' },
    );
    return fc.tuple(query, forwarded, anyBody).map(([q, headers, body]): FuzzCase => {
      const { request, encoded } = withBody({ method: 'GET', url: withQuery('/admin/sign-in/link', q), headers }, body);
      if (encoded) return { route: signInLink.key, fault: 'headers', request, codes: ENCODED };
      const elsewhere = headers['x-forwarded-for'] === '203.0.113.9' || headers.forwarded !== undefined;
      return elsewhere
        ? { route: signInLink.key, fault: 'headers', request, codes: ['forbidden'] }
        : { route: signInLink.key, fault: 'query', request, codes: [], redirects: ['/admin/sign-in?error=link_used_or_expired'] };
    });
  },
};

/**
 * Public reads that answer 200 whatever comes with them (they read nothing), but a compressed body:
 * `GET /healthz`, `GET /readyz` (JSON), the OpenAPI document and its rendered reference (the page and
 * Scalar's script, `served` with their content type).
 */
const publicRead = (path: string, served?: { type: string }): FuzzTarget => ({
  key: `GET ${path}`,
  cases: () =>
    fc.tuple(anyQuery, anyBody, fc.option(printable)).map(([query, body, authorization]): FuzzCase => {
      const { request, encoded } = withBody(
        { method: 'GET', url: withQuery(path, query), headers: authorization ? { authorization } : {} },
        body,
      );
      if (encoded) return { route: `GET ${path}`, fault: 'headers', request, codes: ENCODED };
      return {
        route: `GET ${path}`,
        fault: 'headers',
        request,
        codes: [],
        ...(served ? { served: { status: 200, ...served } } : { ok: 200 }),
      };
    }),
});
const openApiReads = [
  publicRead('/openapi.json'),
  publicRead('/api/docs', { type: 'text/html' }),
  publicRead('/api/docs/assets/scalar.js', { type: 'text/javascript' }),
];

/**
 * Prometheus's scrape, the world having a METRICS_TOKEN: the text format (200) for this machine without
 * credentials or for the token's bearer from anywhere; 401 `unauthenticated` for any other credential, and
 * for no credential from a client a proxy names elsewhere. It only reads.
 */
const metrics: FuzzTarget = {
  key: 'GET /metrics',
  cases: (world) => {
    const authorization = fc.option(
      fc.oneof(
        printable,
        printable.map((text) => `Bearer ${text}`),
        fc.constantFrom(
          `Bearer ${world.metricsToken}`,
          `bearer  ${world.metricsToken}`,
          `Bearer ${world.metricsToken}x`,
          `Basic ${world.metricsToken}`,
        ),
      ),
      { freq: 2 },
    );
    const forwarded = fc.constantFrom<Record<string, string>>(
      {},
      {},
      { 'x-forwarded-for': '127.0.0.1' },
      { 'x-forwarded-for': '203.0.113.9' },
      { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' },
      { forwarded: 'for=unknown' },
    );
    return fc.tuple(anyQuery, forwarded, authorization, anyBody).map(([query, headers, credential, body]): FuzzCase => {
      const { request, encoded } = withBody(
        { method: 'GET', url: withQuery('/metrics', query), headers: credential ? { ...headers, authorization: credential } : headers },
        body,
      );
      if (encoded) return { route: metrics.key, fault: 'headers', request, codes: ENCODED };
      // Node trims a header's surrounding whitespace before the app reads it.
      const presented = !credential ? null : /^Bearer +(\S+) *$/i.exec(credential.trim())?.[1];
      const elsewhere = Object.keys(headers).length > 0 && headers['x-forwarded-for'] !== '127.0.0.1';
      const allowed = presented === null ? !elsewhere : presented === world.metricsToken;
      return allowed
        ? { route: metrics.key, fault: 'credentials', request, codes: [], text: 200 }
        : { route: metrics.key, fault: 'credentials', request, codes: ['unauthenticated'] };
    });
  },
};

/**
 * Paths no route serves, under every mount: 401 under an API without its credentials (nothing says
 * what exists), 404 `route_not_found` otherwise. Their first segment starts with `x-`, which no route's does.
 */
const unknownRoutes: FuzzTarget = {
  key: 'unknown routes',
  cases: (world: FuzzWorld) => {
    const junk = fc
      .array(fc.stringMatching(/^[a-z0-9._-]{1,12}$/), { minLength: 1, maxLength: 3 })
      .map((segments) => `x-${segments.join('/')}`);
    const mounts = ['/admin/v1', `/admin/v1/organizations/${world.ids.organizationId}`, '/addon/v1', '', '/webhooks', '/admin/oauth'];
    const credentials = fc.constantFrom('admin', 'user', 'none');
    return fc
      .tuple(fc.constantFrom(...mounts), junk, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), credentials)
      .map(([mount, path, method, who]): FuzzCase => {
        const authorization = who === 'admin' ? `Bearer ${world.adminToken}` : who === 'user' ? `Bearer ${world.userToken}` : undefined;
        const api = mount.startsWith('/admin/v1') ? 'admin' : mount === '/addon/v1' ? 'user' : undefined;
        const codes = api !== undefined && api !== who ? ['unauthenticated'] : ['route_not_found'];
        return {
          route: unknownRoutes.key,
          fault: 'path',
          request: { method, url: `${mount}/${path}`, headers: authorization ? { authorization } : {} },
          codes,
        };
      });
  },
};

/** Method and Express path of each route here (the unknown routes are none). */
export const OTHER_ROUTES = [
  'GET /healthz',
  'GET /readyz',
  metrics.key,
  ...openApiReads.map((target) => target.key),
  webhook.key,
  callback.key,
  confirm.key,
  signIn.key,
  signOut.key,
  signInLink.key,
  ...CONSOLE_PAGE_ROUTES,
];

export const OTHER_TARGETS: FuzzTarget[] = [
  publicRead('/healthz'),
  publicRead('/readyz'),
  metrics,
  ...openApiReads,
  webhook,
  callback,
  confirm,
  signIn,
  signOut,
  signInLink,
  consolePages,
  unknownRoutes,
];
