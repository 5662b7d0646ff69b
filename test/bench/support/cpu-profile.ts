/**
 * A CPU profile of one stretch of a benchmark (not its setup), through the inspector, and a summary of
 * where the time went: the functions with the most self time, as `node --cpu-prof` + DevTools would show.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Starts profiling; the returned function stops, writes the `.cpuprofile` to `file` and returns the top `top` lines. */
export async function startCpuProfile(file: string, top = 25): Promise<() => Promise<string[]>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    return summarizeSelfTime(profile as { nodes: ProfileNode[]; samples?: number[] }, top);
  };
}

/** The functions with the most samples of their own (not their callees'), as share of all samples. */
export function summarizeSelfTime(profile: { nodes: ProfileNode[]; samples?: number[] }, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const counts = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples ?? []) {
    const node = byId.get(id);
    if (!node) continue;
    total++;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      ? `${url.replace(/^file:\/\/.*?node_modules\//, '').replace(/^file:\/\/\S*?\/(backend|test)\//, '$1/')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, count]) => `${((100 * count) / Math.max(1, total)).toFixed(1).padStart(5)} %  ${key}`);
}
