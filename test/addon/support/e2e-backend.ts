/**
 * The backend and the Google emulator for the add-on's end-to-end test, in their own process (the
 * bundle's UrlFetchApp is synchronous, so the test's thread blocks while the backend answers). It
 * starts the scheduling tests' world (emulator, database, real app with the user API), serves the
 * app on loopback and answers the test's questions (ID tokens, Google's copy of events, sessions)
 * over the IPC channel. Started by e2e-world.ts with `node --import tsx`.
 */
import type { AddressInfo } from 'node:net';
import { as, AUDIENCE, control, eventOf, idToken, startWorld } from '../../backend/scheduling/support.js';

const world = await startWorld();
const server = world.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));

/** What the test may ask; each answer is plain JSON. */
const operations = {
  idToken: (email: string) => idToken(world, email),
  eventOf: (email: string, eventId: string) => eventOf(world, email, eventId),
  session: async (email: string, sessionId: string) => (await (await as(world, email)).get(`/sessions/${sessionId}`)).body as unknown,
  upcoming: async (email: string) => (await (await as(world, email)).get('/sessions/upcoming')).body as unknown,
  /** Google's faults (the emulator's control API): `{errors: [{method, status, rate}]}`, or null to clear them. */
  faults: (faults: unknown) => (faults === null ? control(world, 'DELETE', '/faults') : control(world, 'PUT', '/faults', faults)),
  /** The user answers the invitation in Google Calendar. */
  respond: (email: string, eventId: string, responseStatus: string) =>
    control(world, 'POST', `/users/${email}/events/${eventId}/respond`, { responseStatus }),
};
export type E2eOperations = typeof operations;

/** What the test is told once the backend listens. */
export interface E2eReady {
  backendUrl: string;
  /** The Google emulator (its control API mints ID tokens) and the add-on client id the backend accepts. */
  emulatorUrl: string;
  audience: string;
  mentor: { email: string };
  mentee: { email: string };
  matchingId: string;
}

async function close(): Promise<void> {
  await new Promise((resolve) => server.close(resolve));
  await world.close();
  process.exit(0);
}

process.on('message', (message: { id: number; operation: keyof E2eOperations; args: unknown[] }) => {
  const operation = operations[message.operation] as (...args: unknown[]) => Promise<unknown>;
  operation(...message.args).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.on('disconnect', () => void close());
process.on('SIGTERM', () => void close());

const ready: E2eReady = {
  backendUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  emulatorUrl: world.emulator.url,
  audience: AUDIENCE,
  mentor: { email: world.mentor.email },
  mentee: { email: world.mentee.email },
  matchingId: world.matchingId,
};
process.send?.({ ready });
