/**
 * `npm run test:replicas [-- --small]`: the multi-replica scale scenario (scenario.ts) at full size
 * (5,000 people, 1,000 changed events, 200 bookings), or at the Jest version's size with --small.
 * Prints progress, every failed check, and the figures as the final JSON line; exits 1 when a check failed.
 */
import { FULL, SMALL, failedChecks, runReplicaScenario } from './scenario.js';

const size = process.argv.includes('--small') ? SMALL : FULL;
let failed: string[] = [];
let figures: unknown = null;
try {
  const result = await runReplicaScenario(size);
  figures = result;
  failed = failedChecks(result);
} catch (error) {
  failed = [`the scenario stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
}
for (const line of failed) console.log(`FAILED: ${line}`);
console.log(JSON.stringify({ pass: failed.length === 0, failed, figures }));
process.exit(failed.length === 0 ? 0 : 1);
