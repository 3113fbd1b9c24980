import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { type CacheableBody, cacheableBody, sendCacheable } from '../http/cacheable-body.js';
import { STATIC_FILE } from '../http/encoding.js';
import { errorResponse } from '../middleware/error-handler.js';

/**
 * The widget bundle and its lazily loaded chunks. Publishers' pages on any origin load them, so they are
 * public (CORS *, CORP cross-origin). embed.js keeps one address, so it gets a short max-age with an ETag
 * (upgrades arrive quickly, repeat views cost a 304); chunks have content hashes in their names and never change.
 * Each file is read once, and compressed (brotli, gzip) once per encoding asked for.
 */
export function embedRoutes(bundlePath: string) {
  const files = new Map<string, Promise<CacheableBody | null>>();
  const load = (path: string) => {
    let file = files.get(path);
    if (!file) {
      file = readFile(path).then(
        (raw) =>
          cacheableBody(raw, {
            contentType: 'text/javascript; charset=utf-8',
            compression: STATIC_FILE,
          }),
        () => {
          files.delete(path);
          return null;
        },
      );
      files.set(path, file);
    }
    return file;
  };
  const send = async (c: Context<AppEnv>, path: string, cacheControl: string) => {
    const file = await load(path);
    if (!file) return null;
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return sendCacheable(c, file, cacheControl);
  };
  return new Hono<AppEnv>()
    .get('/embed.js', async (c) => {
      const res = await send(c, bundlePath, 'public, max-age=300, stale-while-revalidate=86400');
      return (
        res ??
        errorResponse(c, 'service_unavailable', 'The widget is not built yet: run `npm run build`.')
      );
    })
    .get('/chunks/:file{[A-Za-z0-9_-]+\\.js}', async (c) => {
      const res = await send(
        c,
        join(dirname(bundlePath), 'chunks', c.req.param('file')),
        'public, max-age=31536000, immutable',
      );
      return res ?? errorResponse(c, 'not_found', 'No such widget chunk.');
    });
}
