// Jest hooks for a test file's world; kept apart from the worlds themselves, which processes outside Jest build too.
import { afterAll, beforeAll, beforeEach } from '@jest/globals';

/**
 * One world for a test file — a database, an emulator, an app, whatever `start` builds: started before
 * the file's tests, closed after them, `beforeEachTest` run before each. Returns the world's accessor
 * (the world exists once the file's tests run).
 */
export function useWorld<World extends { close(): Promise<void> }>(
  start: () => Promise<World>,
  beforeEachTest?: (world: World) => unknown,
): () => World {
  let world: World | undefined;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(async () => {
    await world?.close();
  });
  if (beforeEachTest) {
    beforeEach(async () => {
      if (world) await beforeEachTest(world);
    });
  }
  return () => {
    if (!world) throw new Error('the world is used before beforeAll started it');
    return world;
  };
}
