import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { RateLimitRule } from '../config.js';
import type { RateLimiter } from '../domain/rate-limit.js';
import { errorResponse } from './error-handler.js';

/**
 * Who a rate limit counts: an IPv4 address, or an IPv6 /64, since one subscriber usually holds a whole
 * /64 and could otherwise take a fresh address for every request. Unknown (no socket) is one client.
 */
export function rateLimitSubject(ip: string | null): string {
  if (!ip || isIP(ip) !== 6) return ip ?? 'unknown';
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (…:1.2.3.4) stands for two groups.
  const width = (parts: string[]) => parts.reduce((n, p) => n + (p.includes('.') ? 2 : 1), 0);
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - width(left) - width(right)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export interface RateLimitDeps {
  limiter: RateLimiter;
  rules: readonly RateLimitRule[];
  now: () => number;
  /** The counted key for a request; it is stored, so it must not be the raw address. */
  key: (c: Context<AppEnv>) => string | Promise<string>;
  /** What the client is doing too quickly, for the message ("posting" unless said). */
  doing?: string;
}

/** 429 `rate_limited` with Retry-After once a client passes any rule; no rules, no limit. */
export function createRateLimit({
  limiter,
  rules,
  now,
  key,
  doing = 'posting',
}: RateLimitDeps): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    if (rules.length === 0) return next();
    const decision = await limiter.hit(await key(c), rules, now());
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return errorResponse(
        c,
        'rate_limited',
        `You are ${doing} too quickly. Please try again in ${decision.retryAfterSeconds} seconds.`,
      );
    }
    await next();
  };
}
