import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const EXPOSE = 'Retry-After, X-Request-Id';

/** The API answers pages on the configured origins, the server's own origin and localhost. */
export function createApiCors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const allow = (origin: string, c: Context): string | null => {
    const o = origin.toLowerCase();
    if (allowed.has('*') || allowed.has(o) || LOCALHOST.test(o)) return origin;
    return new URL(c.req.url).origin === o ? origin : null;
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
    const allowedOrigin = origin ? allow(origin, c) : null;
    if (allowedOrigin) {
      c.header('Access-Control-Allow-Origin', allowedOrigin);
      c.header('Access-Control-Expose-Headers', EXPOSE);
    }
    c.header('Vary', 'Origin', { append: true });
    await next();
  };
}
