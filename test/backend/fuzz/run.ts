/**
 * Runs the fuzz: a fast-check property per route over its requests, each sent to the backend over
 * HTTP, its answer checked, and the world's snapshot compared before and after. Seeded: FUZZ_SEED
 * replays a run (default: the UTC day number, so CI walks new inputs every day and any failure names
 * its seed); FUZZ_RUNS sets the requests per route.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { HTTP_STATUS_BY_CODE } from '../../../backend/http/error-map.js';
import { casesOf, routeKey, type FuzzCase, type FuzzRoute } from './routes.js';
import { startFuzzWorld, type FuzzAnswer, type FuzzWorld, type WorldSnapshot } from './world.js';

/** Requests per route; 49 routes × 70 is some 3,400 requests a run. */
export const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 70);

/** The run's seed: FUZZ_SEED, else a fixed one, so every run (and every CI) sends the same requests unless asked otherwise. */
export const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? 20788 : Number(process.env.FUZZ_SEED);

/** One route's seed, from the run's and the route's name, so a route replays alone (`-t '<route>'`) with the same inputs. */
export function seedOf(route: string): number {
  let hash = FUZZ_SEED | 0;
  for (const char of route) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

/** A route (or a family of them) and the requests the fuzz makes of it. */
export interface FuzzTarget {
  key: string;
  cases: (world: FuzzWorld) => fc.Arbitrary<FuzzCase>;
}

/** The targets of an API's routes: each route with the requests casesOf makes of it. */
export const routeTargets = (routes: FuzzRoute[]): FuzzTarget[] =>
  routes.map((route) => ({ key: routeKey(route), cases: (world) => casesOf(route, world) }));

/**
 * A test file of the suite: one world, a test per target with RUNS_PER_ROUTE requests, the seed and
 * the count printed, and `more` for the file's own tests (given the world once it runs).
 */
export function describeFuzz(suite: string, targets: FuzzTarget[], more?: (world: () => FuzzWorld) => void): void {
  let world: FuzzWorld;
  const sent = { count: 0, byAnswer: new Map<string, number>() };
  beforeAll(async () => {
    console.log(
      `fuzz ${suite}: FUZZ_SEED=${FUZZ_SEED}, ${RUNS_PER_ROUTE} requests for each of ${targets.length} routes (replay: FUZZ_SEED=${FUZZ_SEED} npm run test:jest -- test/backend/fuzz)`,
    );
    world = await startFuzzWorld();
  }, 60_000);
  afterAll(async () => {
    const answers = [...sent.byAnswer].sort(([a], [b]) => a.localeCompare(b)).map(([answer, count]) => `${answer} ${count}`);
    console.log(`fuzz ${suite}: ${sent.count} requests sent (FUZZ_SEED=${FUZZ_SEED}); by fault and answer: ${answers.join(', ')}`);
    await world.close();
  });
  describe(`${suite} under fuzz`, () => {
    it.each(targets.map((target) => [target.key, target] as const))('%s', async (key, target) => {
      await fuzz(world, key, target.cases(world), (fuzzCase, status) => {
        sent.count++;
        const answer = `${fuzzCase.fault}→${status}`;
        sent.byAnswer.set(answer, (sent.byAnswer.get(answer) ?? 0) + 1);
      });
    });
    it('sent every route its requests', () => {
      expect(sent.count).toBeGreaterThanOrEqual(targets.length * RUNS_PER_ROUTE);
    });
    more?.(() => world);
  });
}

/** Sends every case `cases` makes of one route and checks it; on failure fast-check names the seed, the path and the smallest failing request. */
async function fuzz(
  world: FuzzWorld,
  route: string,
  cases: fc.Arbitrary<FuzzCase>,
  onSent: (fuzzCase: FuzzCase, status: number) => void,
): Promise<void> {
  let before = await world.snapshot();
  await fc.assert(
    fc.asyncProperty(cases.map(printable), async (fuzzCase) => {
      const answer = await world.send(fuzzCase.request);
      onSent(fuzzCase, answer.status);
      const after = await world.snapshot();
      const changed = changes(before, after);
      before = after;
      checkAnswer(fuzzCase, answer);
      if (changed.length > 0)
        throw new Error(`the request changed ${changed.join(', ')} (answered ${answer.status} ${answer.text.slice(0, 300)})`);
      if (world.queuedSyncs.length > 0) throw new Error(`the request queued calendar syncs: ${world.queuedSyncs.join(', ')}`);
    }),
    { seed: seedOf(route), numRuns: RUNS_PER_ROUTE },
  );
}

/** A 4xx with one of the case's codes as `{error: {code, message, requestId}}`, the code's own status; or the read's documented 2xx. */
export function checkAnswer(fuzzCase: FuzzCase, answer: FuzzAnswer): void {
  const body = parseJson(answer);
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  const summary = `${answer.status} ${answer.text.slice(0, 500)}`;
  if (fuzzCase.page !== undefined && answer.status === fuzzCase.page && answer.contentType.startsWith('text/html')) return;
  if (fuzzCase.text !== undefined && answer.status === fuzzCase.text && answer.contentType.startsWith('text/plain')) return;
  if (fuzzCase.served && answer.status === fuzzCase.served.status && answer.contentType.startsWith(fuzzCase.served.type)) return;
  if (fuzzCase.redirects && answer.status === 303) {
    if (fuzzCase.redirects.some((location) => answer.location === location || answer.location.startsWith(`${location}&`))) return;
    throw new Error(`expected a redirect to ${fuzzCase.redirects.join(' | ')}, got ${answer.location}`);
  }
  if (fuzzCase.ok !== undefined && answer.status === fuzzCase.ok) {
    if (body === undefined) throw new Error(`expected JSON with ${fuzzCase.ok}, got ${answer.contentType}: ${summary}`);
    return;
  }
  if (answer.status >= 500) throw new Error(`a server error: ${summary}`);
  if (typeof code !== 'string') throw new Error(`expected a JSON error with a code, got ${answer.contentType}: ${summary}`);
  if (!fuzzCase.codes.includes(code))
    throw new Error(`expected ${fuzzCase.ok ?? ''} ${fuzzCase.codes.join(' | ')} for a ${fuzzCase.fault} fault, got ${summary}`);
  if (HTTP_STATUS_BY_CODE[code as keyof typeof HTTP_STATUS_BY_CODE] !== answer.status)
    throw new Error(`${code} must be ${HTTP_STATUS_BY_CODE[code as keyof typeof HTTP_STATUS_BY_CODE]}, was ${summary}`);
  const { message, requestId } = (body as { error: { message?: unknown; requestId?: unknown } }).error;
  if (typeof message !== 'string' || typeof requestId !== 'string') throw new Error(`the error lacks a message or request id: ${summary}`);
}

function parseJson(answer: FuzzAnswer): unknown {
  if (!answer.contentType.startsWith('application/json')) return undefined;
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return undefined;
  }
}

/** The tables, and Google's request log, that differ between two snapshots. */
export function changes(before: WorldSnapshot, after: WorldSnapshot): string[] {
  const tables = Object.keys(after.tables).filter((name) => before.tables[name] !== after.tables[name]);
  return [
    ...tables.map((name) => `table ${name}`),
    ...(isDeepStrictEqual(before.google, after.google) ? [] : ['Google (the emulator saw requests)']),
  ];
}

/** fast-check prints a failing case with this: the request, its bodies cut to what a person can read. */
function printable(fuzzCase: FuzzCase): FuzzCase {
  const cut = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text);
  return Object.assign(fuzzCase, {
    [fc.toStringMethod]: () =>
      JSON.stringify({
        fault: fuzzCase.fault,
        method: fuzzCase.request.method,
        url: cut(fuzzCase.request.url),
        headers: fuzzCase.request.headers,
        body: fuzzCase.request.body === undefined ? undefined : cut(String(fuzzCase.request.body)),
      }),
  });
}
