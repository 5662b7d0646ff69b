import { useWorld as useTestWorld } from '../../support/use-world.js';
import { startWorld, type SchedulingWorld } from './support.js';

/** One scheduling world for a test file, its clock and request log reset before each test. */
export function useWorld(): () => SchedulingWorld {
  return useTestWorld(
    () => startWorld(),
    async (world) => {
      world.clock.reset();
      await world.google.resetRequests();
    },
  );
}
