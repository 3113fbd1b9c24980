import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { bearerToken } from '../http/bearer.js';
import { errorResponse } from './error-handler.js';

export interface AdminAuthOptions {
  /** CONFAB_ADMIN_TOKEN; undefined turns the admin API off. */
  token: string | undefined;
  /** The site whose own admin token this is, if any. */
  siteOfToken: (token: string) => Promise<string | undefined>;
  now: () => number;
  /** Wrong tokens a client may send before it has to wait. */
  freeFailures?: number;
  /** The first wait; it doubles with every further wrong token, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Clients remembered at once; the oldest are forgotten first, so a flood of addresses cannot fill memory. */
  maxClients?: number;
}

/** What a site's own token may reach: its comments, settings, export, import, stats and site. */
const SITE_ADMIN_PATHS =
  /^\/api\/admin\/(comments(\/.*)?|settings|export|import|stats|sites(\/[^/]+)?)$/;

/** Equal-length digests compared in constant time: neither the token's content nor its length leaks. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

interface Failures {
  count: number;
  /** Epoch ms before which this client is refused without its token being looked at. */
  blockedUntil: number;
}

/**
 * Guards /api/admin/*: `Authorization: Bearer <CONFAB_ADMIN_TOKEN>` (the server admin), or a site's own
 * token, which reaches only that site's routes (`adminSite`). After a few wrong tokens from one
 * client address, that address's wrong tokens get 429 (the wait doubling each time), which makes
 * guessing the token hopeless. The right token always works, and does not forgive the address's
 * failures, so an admin sharing an address with a guesser neither is locked out nor resets the guesser.
 */
export function createAdminAuth(opts: AdminAuthOptions): MiddlewareHandler<AppEnv> {
  const freeFailures = opts.freeFailures ?? 5;
  const baseDelayMs = opts.baseDelayMs ?? 1_000;
  const maxDelayMs = opts.maxDelayMs ?? 15 * 60_000;
  const maxClients = opts.maxClients ?? 10_000;
  const failures = new Map<string, Failures>();

  function fail(client: string, now: number) {
    const f = failures.get(client) ?? { count: 0, blockedUntil: 0 };
    failures.delete(client);
    f.count += 1;
    if (f.count > freeFailures)
      f.blockedUntil = now + Math.min(maxDelayMs, baseDelayMs * 2 ** (f.count - freeFailures - 1));
    failures.set(client, f);
    if (failures.size > maxClients) failures.delete(failures.keys().next().value!);
  }

  return async function adminAuth(c, next) {
    if (!opts.token) {
      return errorResponse(
        c,
        'admin_disabled',
        'The admin API is off. Set CONFAB_ADMIN_TOKEN to a secret of at least 16 characters (e.g. `openssl rand -hex 32`) and restart the server.',
      );
    }
    const token = bearerToken(c.req.header('Authorization'));
    // The right token is checked before any wait: behind an untrusted proxy every client shares one
    // address, and a stranger's wrong guesses must never lock the admin out.
    if (token !== null && sameToken(token, opts.token)) {
      c.set('adminSite', null);
      return next();
    }
    const site = token === null ? undefined : await opts.siteOfToken(token);
    if (site !== undefined) {
      if (!SITE_ADMIN_PATHS.test(c.req.path))
        return errorResponse(
          c,
          'forbidden',
          "A site's token manages its comments, settings, export, import and stats; this takes the server admin's (CONFAB_ADMIN_TOKEN).",
        );
      c.set('adminSite', site);
      return next();
    }
    const client = c.get('clientIp') ?? 'unknown';
    const now = opts.now();
    const blockedUntil = failures.get(client)?.blockedUntil ?? 0;
    if (token !== null && now < blockedUntil) {
      c.header('Retry-After', String(Math.ceil((blockedUntil - now) / 1000)));
      return errorResponse(
        c,
        'rate_limited',
        'Too many wrong admin tokens from this address; wait before trying again.',
      );
    }
    if (token !== null) fail(client, now);
    c.header('WWW-Authenticate', 'Bearer realm="confab-admin"');
    return errorResponse(
      c,
      'unauthorized',
      token !== null
        ? 'The admin token is wrong.'
        : 'Send the admin token as "Authorization: Bearer <CONFAB_ADMIN_TOKEN>".',
    );
  };
}
