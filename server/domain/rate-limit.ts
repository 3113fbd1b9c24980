import type { RateLimitRule } from '../config.js';
import type { CounterStore } from '../store/store.js';

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until the hit would be allowed again; 0 when allowed. */
  retryAfterSeconds: number;
}

/** Counts hits per key against every rule at once; a hit is allowed only while all rules allow it. */
export interface RateLimiter {
  hit(key: string, rules: readonly RateLimitRule[], now: number): Promise<RateLimitDecision>;
}

/** A fixed window per key: the first hit opens it, the count resets at `resetAt`. Same shape as the store's. */
export type WindowCounter = Pick<CounterStore, 'hitCounter'>;

/**
 * One limiter over any window counter. Every hit counts against every rule, refused ones included, so a
 * client hammering past the minute's limit also uses up its hour.
 */
export function createRateLimiter(counter: WindowCounter): RateLimiter {
  return {
    async hit(key, rules, now) {
      const windows = await Promise.all(
        rules.map(async (rule) => ({
          rule,
          ...(await counter.hitCounter({
            key: `${rule.windowSeconds}:${key}`,
            windowMs: rule.windowSeconds * 1000,
            now,
          })),
        })),
      );
      let wait = 0;
      for (const w of windows) {
        if (w.count > w.rule.max) wait = Math.max(wait, Math.ceil((w.resetAt - now) / 1000), 1);
      }
      return { allowed: wait === 0, retryAfterSeconds: wait };
    },
  };
}

export interface MemoryCounterOptions {
  /** Hard ceiling on keys held; past it the oldest windows are dropped (they can only under-count). */
  maxKeys?: number;
  /** How often expired windows are swept out. */
  sweepEveryMs?: number;
}

/**
 * Window counters in this process, for a single instance (SQLite). Memory stays bounded: expired
 * windows are swept out every minute, and a ceiling caps a flood of new keys in between.
 */
export function createMemoryCounter(
  opts: MemoryCounterOptions = {},
): WindowCounter & { size(): number } {
  const maxKeys = opts.maxKeys ?? 100_000;
  const sweepEveryMs = opts.sweepEveryMs ?? 60_000;
  const windows = new Map<string, { count: number; resetAt: number }>();
  let sweepAt = -Infinity;

  return {
    async hitCounter({ key, windowMs, now }) {
      if (now >= sweepAt) {
        for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
        sweepAt = now + sweepEveryMs;
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        windows.delete(key);
        // Maps iterate in insertion order, so the first keys are the oldest windows.
        for (const oldest of windows.keys()) {
          if (windows.size < maxKeys) break;
          windows.delete(oldest);
        }
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      return { count: w.count, resetAt: w.resetAt };
    },
    size: () => windows.size,
  };
}

export function createMemoryRateLimiter(opts: MemoryCounterOptions = {}): RateLimiter {
  return createRateLimiter(createMemoryCounter(opts));
}
