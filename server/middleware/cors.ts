import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { errorResponse } from './error-handler.js';

const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const EXPOSE = 'Retry-After, X-Request-Id';

/** Whether a browser says the request comes from a page of this server (its admin page, its demo). */
function sameOrigin(origin: string, c: Context): boolean {
  if (c.req.header('Sec-Fetch-Site') === 'same-origin') return true;
  const url = new URL(c.req.url);
  if (url.origin === origin) return true;
  // Behind a TLS-terminating proxy the request arrives as http: the host still tells.
  try {
    return new URL(origin).host === (c.req.header('Host') ?? url.host).toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The API answers pages on the configured origins, the server's own origin and localhost. A page on any
 * other origin gets 403 `origin_not_allowed`, with CORS headers so that the widget can read why and say
 * so, instead of a response the browser hides and the widget can only take for a network failure.
 * Requests without an Origin (servers, scripts, same-origin GETs) are not browsers' cross-site ones.
 */
export function createApiCors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const allow = (origin: string, c: Context): string | null => {
    const o = origin.toLowerCase();
    if (allowed.has('*') || allowed.has(o) || LOCALHOST.test(o)) return origin;
    return sameOrigin(o, c) ? origin : null;
  };
  const preflight = cors({
    origin: allow,
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID'],
    exposeHeaders: EXPOSE.split(', '),
    maxAge: 86400,
  });
  // Other requests get their headers before the handler runs, as prepared headers the response is built
  // with: setting them on c.res afterwards (as hono/cors does) makes Hono copy the whole response.
  return async function apiCors(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('Origin');
    c.header('Vary', 'Origin', { append: true });
    if (!origin) return next();
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSE);
    if (!allow(origin, c))
      return errorResponse(
        c,
        'origin_not_allowed',
        `This comments server does not serve pages on ${origin}: its operator can add that origin to CONFAB_ORIGINS.`,
      );
    await next();
  };
}
