/**
 * Resolves with what `probe` gives once that is truthy, polling every `everyMs`; fails after
 * `timeoutMs`. For what another process, a job queue or a push notification brings about in its own time.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<Exclude<Awaited<T>, false | null | undefined | 0 | ''>> {
  // The monotonic clock: a bound on waiting, never the world's date (faked in the date matrix, set by tests).
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<Awaited<T>, false | null | undefined | 0 | ''>;
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
