import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { hoursFromNow, startTestEmulator, type TestEmulator } from './support/emulator.js';

let emu: TestEmulator;
let validToken: string;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
beforeAll(async () => {
  emu = await startTestEmulator();
  validToken = (await emu.jwt('ana@acme.test').authorize()).access_token!;
});
afterAll(async () => {
  agent.destroy();
  await emu.close();
});

/** Deterministic randomness (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261126;
const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number): boolean => random() < p;

const SEGMENTS = [
  'primary',
  'ana@acme.test',
  'ana%40acme.test',
  'ben@acme.test',
  'me',
  'abcdef12345',
  '%zz',
  '%E0%A4%A',
  '..',
  '%2F..%2F',
  '%C3%B1and%C3%BA',
  'a'.repeat(3000),
  '',
  '0',
  '-1',
  'watch',
  'null',
  '{}',
  '%00',
];
const PATHS = [
  '/token',
  '/oauth2/v1/certs',
  '/calendar/v3/freeBusy',
  '/calendar/v3/calendars/{}/events',
  '/calendar/v3/calendars/{}/events/{}',
  '/calendar/v3/calendars/{}/events/watch',
  '/calendar/v3/channels/stop',
  '/calendar/v3/users/me/calendarList/{}',
  '/calendar/v3/users/me/settings/{}',
  '/admin/directory/v1/users',
  '/admin/directory/v1/users/{}',
  '/v1/people/{}',
  '/emulator/v1/users/{}/events',
  '/emulator/v1/users/{}/events/{}/respond',
  '/emulator/v1/idTokens',
  '/{}',
  '/calendar/v4/{}',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const QUERY_NAMES = [
  'maxResults',
  'pageToken',
  'syncToken',
  'timeMin',
  'timeMax',
  'orderBy',
  'singleEvents',
  'showDeleted',
  'privateExtendedProperty',
  'q',
  'conferenceDataVersion',
  'sendUpdates',
  'customer',
  'domain',
  'query',
  'personFields',
  'updatedMin',
  'iCalUID',
];
const QUERY_VALUES = [
  '-1',
  '0',
  '1',
  '2501',
  '99999999999999999999',
  'true',
  'false',
  'garbage',
  '2030-01-01T00:00:00Z',
  '2030-13-45T99:99:99',
  'a=b',
  'noequals',
  'my_customer',
  'acme.test',
  'email:ana@acme.test',
  'names',
  'startTime',
  'all',
  '%',
  'x'.repeat(2000),
];

function randomValue(depth: number): unknown {
  const kind = Math.floor(random() * (depth > 3 ? 5 : 8));
  switch (kind) {
    case 0:
      return pick(['', 'x', hoursFromNow(1), 'ana@acme.test', 'hangoutsMeet', 'a'.repeat(5000)]);
    case 1:
      return pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER]);
    case 2:
      return pick([true, false]);
    case 3:
      return null;
    case 4:
      return pick([{ dateTime: hoursFromNow(2) }, { date: '2030-02-30' }, { dateTime: 'yesterday', timeZone: 'Mars/Olympus' }]);
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1));
    default: {
      const keys = [
        'id',
        'summary',
        'start',
        'end',
        'attendees',
        'email',
        'extendedProperties',
        'private',
        'shared',
        'conferenceData',
        'createRequest',
        'requestId',
        'conferenceSolutionKey',
        'type',
        'status',
        'transparency',
        'timeMin',
        'timeMax',
        'items',
        'address',
        'expiration',
        'token',
        'responseStatus',
        'audience',
        'grant_type',
        'assertion',
        '__proto__',
        'constructor',
      ];
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 6); i > 0; i--) object[pick(keys)] = randomValue(depth + 1);
      return object;
    }
  }
}

function randomBody(): { body: Buffer | undefined; type: string | undefined } {
  const type = pick([
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    undefined,
    'multipart/form-data; boundary=x',
    'application/json; charset=klingon',
  ]);
  const shape = Math.floor(random() * 8);
  if (shape === 0) return { body: undefined, type };
  if (shape === 1)
    return {
      body: Buffer.from(pick(['{', '{"a":', '[1,2', 'nul', '"unterminated', '{"a":1}}', '\u0000\u0001', '{"start":{"dateTime":}}'])),
      type,
    };
  if (shape === 2) return { body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))), type };
  if (shape === 3 && chance(0.05)) return { body: Buffer.alloc(1_200_000, 0x61), type };
  if (shape === 4)
    return {
      body: Buffer.from(
        `grant_type=${pick(['urn:ietf:params:oauth:grant-type:jwt-bearer', 'password', ''])}&assertion=${pick(['a.b.c', 'x', 'eyJhbGciOiJSUzI1NiJ9.e30.AAAA'])}`,
      ),
      type,
    };
  return { body: Buffer.from(JSON.stringify(randomValue(0))), type };
}

function randomRequest(): { method: string; path: string; headers: Record<string, string>; body: Buffer | undefined } {
  let path = pick(PATHS).replace(/\{\}/g, () => pick(SEGMENTS));
  if (chance(0.6)) {
    const params = Array.from(
      { length: 1 + Math.floor(random() * 4) },
      () => `${pick(QUERY_NAMES)}=${encodeURIComponent(pick(QUERY_VALUES))}`,
    );
    path += `?${params.join('&')}${chance(0.1) ? '&%zz=%' : ''}`;
  }
  const { body, type } = randomBody();
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  // Node frames GET/DELETE bodies only with an explicit length.
  if (body) headers['content-length'] = String(body.length);
  const auth = Math.floor(random() * 5);
  if (auth <= 1) headers.authorization = `Bearer ${validToken}`;
  else if (auth === 2)
    headers.authorization = pick(['Bearer ', 'Bearer ya29.forged', 'Basic YTpi', 'garbage', `Bearer ${'x'.repeat(4000)}`]);
  if (chance(0.2)) headers['if-match'] = pick(['"1"', '*', 'garbage', '']);
  if (chance(0.1)) headers['content-encoding'] = pick(['gzip', 'br', 'identity', 'nonsense']);
  return { method: pick(METHODS), path, headers, body };
}

function send(req: ReturnType<typeof randomRequest>): Promise<{ status: number; contentType: string; text: string }> {
  const url = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers: req.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    outgoing.on('error', (error) =>
      reject(
        new Error(
          `${req.method} ${req.path.slice(0, 100)} ${JSON.stringify(req.headers).slice(0, 200)} body=${req.body?.length}: ${error.message}`,
        ),
      ),
    );
    outgoing.end(req.body);
  });
}

describe('robustness against random and malformed requests', () => {
  it("answers thousands of them without crashing, never with a 5xx, always in Google's error shapes", async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < 150; batch++) {
      const requests = Array.from({ length: 20 }, randomRequest);
      const responses = await Promise.all(requests.map(send));
      responses.forEach((res, i) => {
        const req = requests[i]!;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${req.method} ${req.path.slice(0, 120)} → ${res.status} ${res.text.slice(0, 200)}`;
        if (res.status >= 500 || res.status < 100) failures.push(where);
        if (res.status < 400 || req.method === 'HEAD') return;
        let body: { error?: unknown; error_description?: unknown } | undefined;
        try {
          body = JSON.parse(res.text) as typeof body;
        } catch {
          failures.push(`not JSON: ${where}`);
          return;
        }
        const error = body?.error as { code?: unknown; message?: unknown; errors?: Array<{ reason?: unknown }> } | string | undefined;
        const googleShape = typeof error === 'object' && error !== null && error.code === res.status && typeof error.message === 'string';
        const tokenShape = typeof error === 'string' && typeof body?.error_description === 'string';
        if (!googleShape && !tokenShape) failures.push(`shape: ${where}`);
        if (res.status === 404 && googleShape && typeof error === 'object' && error.errors && error.errors[0]?.reason !== 'notFound')
          failures.push(`404 reason: ${where}`);
      });
    }
    expect({ seed: SEED, failures: failures.slice(0, 10) }).toEqual({ seed: SEED, failures: [] });
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(3000);
    expect(statuses.get(404)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
    // Still serving real clients afterwards.
    await expect(emu.calendar('ben@acme.test').events.list({ calendarId: 'primary' })).resolves.toHaveProperty('status', 200);
  }, 60_000);

  it("answers requests Node cannot even parse with Google's JSON 400", async () => {
    const url = new URL(emu.url);
    for (const raw of [
      'GARBAGE\r\n\r\n',
      'GET /calendar/v3/\u00f1 HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n',
    ]) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname, () => socket.end(Buffer.from(raw, 'latin1')));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
        error: { code: 400, errors: [{ reason: 'badRequest' }] },
      });
    }
  });
});
