/**
 * Memory of a large emulated world, in its own process (started with --expose-gc): 10,000 users and
 * 100,000 events (every fifth with a colleague invited, so attendee copies exist too). Prints one JSON line.
 */
import { insertEvent } from '../../../backend/emulator/calendar/event-writes.js';
import { EmulatorState } from '../../../backend/emulator/index.js';

const USERS = 10_000;
const EVENTS_PER_USER = 10;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

gc();
const baseline = process.memoryUsage();
const state = new EmulatorState();
const started = performance.now();
const email = (i: number): string => `user${i}@big.test`;
state.applySeed({
  users: Array.from({ length: USERS }, (_, i) => ({
    email: email(i),
    timeZone: i % 2 ? 'Europe/Madrid' : 'America/New_York',
    orgUnitPath: '/Staff',
  })),
  serviceAccounts: [{ clientEmail: 'bench@bench.iam.gserviceaccount.com' }],
  grants: [
    { serviceAccount: 'bench@bench.iam.gserviceaccount.com', domain: 'big.test', scopes: ['https://www.googleapis.com/auth/calendar'] },
  ],
});
const day = 86_400_000;
const origin = Date.UTC(2031, 0, 6, 8);
for (let u = 0; u < USERS; u++) {
  const calendar = state.calendarOf(state.requireUser(email(u)));
  for (let e = 0; e < EVENTS_PER_USER; e++) {
    const start = origin + e * day + (u % 8) * 3_600_000;
    const body: Record<string, unknown> = {
      summary: `Meeting ${e}`,
      start: { dateTime: new Date(start).toISOString() },
      end: { dateTime: new Date(start + 1_800_000).toISOString() },
      extendedProperties: { private: { session: `s-${u}-${e}` } },
    };
    if (e % 5 === 0) body.attendees = [{ email: email((u + 1) % USERS) }];
    insertEvent(state, calendar, body, {});
  }
}
const seedSeconds = (performance.now() - started) / 1000;
gc();
const after = process.memoryUsage();
let entries = 0;
for (const calendar of state.store.calendars.values()) entries += calendar.entries.size;
state.close();
console.log(
  JSON.stringify({
    users: USERS,
    events: USERS * EVENTS_PER_USER,
    calendarEntries: entries,
    seedSeconds: Number(seedSeconds.toFixed(2)),
    heapUsedMb: mb(after.heapUsed),
    heapDeltaMb: mb(after.heapUsed - baseline.heapUsed),
    rssMb: mb(after.rss),
  }),
);
