// Jest hooks for a scheduling world; kept apart from support.ts, which processes outside Jest import too.
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { startWorld, type SchedulingWorld } from './support.js';

/**
 * One world for a test file: started before its tests, closed after them, its clock and request log
 * reset before each. Returns the world's accessor (the world exists once the file's tests run).
 */
export function useWorld(): () => SchedulingWorld {
  let world: SchedulingWorld | undefined;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(async () => {
    world?.clock.reset();
    await world?.google.resetRequests();
  });
  return () => {
    if (!world) throw new Error('the world is used before beforeAll started it');
    return world;
  };
}
