import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/** V8's own default: each growth of the young generation doubles it. */
const DEFAULT_GROWTH_FACTOR = 2;

/**
 * Caps the young generation at `maxSemiSpaceMb` per semi-space (V8 allows 16 by default, 32 MB in all).
 * Under sustained load V8 doubles it until that maximum: a fifth of the server's memory for garbage that
 * lives a few milliseconds. `--max-semi-space-size` would cap it, but only from the command line; the
 * growth factor, however, is read each time the space grows. So after every minor GC this lets it grow
 * while it is under the cap and stops it there (and lets it grow again if V8 shrinks it when idle).
 * GC entries arrive a little after the collections, so under heavy load the space may end one doubling
 * past the cap: a cap of 4 MB lands at 4 or 8 MB, still half of V8's default. Returns the function that
 * stops watching.
 */
export function capYoungGeneration(maxSemiSpaceMb: number): () => void {
  // The new space's size counts both semi-spaces.
  const limit = 2 * maxSemiSpaceMb * 1024 * 1024;
  let stopped: boolean | null = null;
  const check = () => {
    const size =
      v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
    const stop = size >= limit;
    if (stop === stopped) return;
    stopped = stop;
    v8.setFlagsFromString(`--semi-space-growth-factor=${stop ? 1 : DEFAULT_GROWTH_FACTOR}`);
  };
  const observer = new PerformanceObserver((list) => {
    const minor = (e: PerformanceEntry) =>
      (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
      constants.NODE_PERFORMANCE_GC_MINOR;
    if (list.getEntries().some(minor)) check();
  });
  observer.observe({ entryTypes: ['gc'] });
  check();
  return () => observer.disconnect();
}
