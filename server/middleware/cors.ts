import { cors } from 'hono/cors';

const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** The API answers pages on the configured origins, the server's own origin and localhost. */
export function createApiCors(origins: readonly string[]) {
  const allowed = new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return cors({
    origin: (origin, c) => {
      const o = origin.toLowerCase();
      if (allowed.has('*') || allowed.has(o) || LOCALHOST.test(o)) return origin;
      return new URL(c.req.url).origin === o ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID'],
    exposeHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 86400,
  });
}
