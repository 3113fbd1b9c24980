import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../app-env.js';
import { errorResponse } from '../middleware/error-handler.js';

/**
 * The widget bundle. Publishers' pages on any origin load it, so it is public (CORS *, CORP cross-origin);
 * a short max-age with an ETag keeps upgrades quick while repeat views cost a 304.
 */
export function embedRoutes(bundlePath: string) {
  let bundle: Promise<Buffer | null> | null = null;
  const load = () => (bundle ??= readFile(bundlePath).catch(() => ((bundle = null), null)));
  return new Hono<AppEnv>().get('/embed.js', etag(), async (c) => {
    const code = await load();
    if (!code) return errorResponse(c, 'service_unavailable', 'The widget is not built yet: run `npm run build`.');
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(new Uint8Array(code));
  });
}
