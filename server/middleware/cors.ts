import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-env.js';
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

/** Pages that may use every site: this server's own (admin page, demo) and local ones (development). */
const everywhere = (origin: string, c: Context) =>
  LOCALHOST.test(origin.toLowerCase()) || sameOrigin(origin.toLowerCase(), c);

/**
 * The API answers pages on the origins of any of its sites, the server's own origin and localhost. A page
 * on any other origin gets 403 `origin_not_allowed`, with CORS headers so that the widget can read why and
 * say so, instead of a response the browser hides and the widget can only take for a network failure.
 * Requests without an Origin (servers, scripts, same-origin GETs) are not browsers' cross-site ones.
 * Which site's origins count is known only from the thread a request is about: the origin is handed on
 * as `pageOrigin` for the domain to check against that site's.
 */
export function createApiCors(
  servesOrigin: (origin: string) => Promise<boolean>,
): MiddlewareHandler<AppEnv> {
  const preflight = cors({
    origin: (origin) => origin,
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID'],
    exposeHeaders: EXPOSE.split(', '),
    maxAge: 86400,
  });
  // Other requests get their headers before the handler runs, as prepared headers the response is built
  // with: setting them on c.res afterwards (as hono/cors does) makes Hono copy the whole response.
  return async function apiCors(c, next) {
    const origin = c.req.header('Origin');
    const local = origin === undefined || everywhere(origin, c);
    const allowed = local || (await servesOrigin(origin));
    if (c.req.method === 'OPTIONS') {
      if (allowed) return preflight(c, next);
      c.header('Vary', 'Origin', { append: true });
      return c.body(null, 204);
    }
    c.set('pageOrigin', local ? null : origin.toLowerCase());
    c.header('Vary', 'Origin', { append: true });
    if (!origin) return next();
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSE);
    if (!allowed)
      return errorResponse(
        c,
        'origin_not_allowed',
        `This comments server does not serve pages on ${origin}: its operator can add that origin to CONFAB_ORIGINS, or to a site's origins.`,
      );
    await next();
  };
}
