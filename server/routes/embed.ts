import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../app-env.js';
import { errorResponse } from '../middleware/error-handler.js';

/**
 * The widget bundle and its lazily loaded chunks. Publishers' pages on any origin load them, so they are
 * public (CORS *, CORP cross-origin). embed.js keeps one address, so it gets a short max-age with an ETag
 * (upgrades arrive quickly, repeat views cost a 304); chunks have content hashes in their names and never change.
 */
export function embedRoutes(bundlePath: string) {
  const files = new Map<string, Promise<Buffer | null>>();
  const load = (path: string) => {
    let file = files.get(path);
    if (!file) {
      file = readFile(path).catch(() => {
        files.delete(path);
        return null;
      });
      files.set(path, file);
    }
    return file;
  };
  const send = async (c: Context<AppEnv>, path: string, cacheControl: string) => {
    const code = await load(path);
    if (!code) return null;
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', cacheControl);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(new Uint8Array(code));
  };
  return new Hono<AppEnv>()
    .get('/embed.js', etag(), async (c) => {
      const res = await send(c, bundlePath, 'public, max-age=300, stale-while-revalidate=86400');
      return res ?? errorResponse(c, 'service_unavailable', 'The widget is not built yet: run `npm run build`.');
    })
    .get('/chunks/:file{[A-Za-z0-9_-]+\\.js}', etag(), async (c) => {
      const res = await send(c, join(dirname(bundlePath), 'chunks', c.req.param('file')), 'public, max-age=31536000, immutable');
      return res ?? errorResponse(c, 'not_found', 'No such widget chunk.');
    });
}
