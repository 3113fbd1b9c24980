import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import {
  compress,
  type Encoding,
  etagMatches,
  etagOf,
  pickEncoding,
} from '../domain/thread-cache.js';
import { errorResponse } from '../middleware/error-handler.js';

/**
 * The widget bundle and its lazily loaded chunks. Publishers' pages on any origin load them, so they are
 * public (CORS *, CORP cross-origin). embed.js keeps one address, so it gets a short max-age with an ETag
 * (upgrades arrive quickly, repeat views cost a 304); chunks have content hashes in their names and never change.
 * Each file is read and compressed (brotli, gzip) once; a request only picks the bytes its Accept-Encoding takes.
 */
interface BuiltFile {
  raw: Uint8Array;
  /** Compressed once, at the best level, when the file is first asked for. */
  encoded: Record<Encoding, Uint8Array>;
  etag: string;
}

export function embedRoutes(bundlePath: string) {
  const files = new Map<string, Promise<BuiltFile | null>>();
  const load = (path: string) => {
    let file = files.get(path);
    if (!file) {
      file = readFile(path).then(
        (raw): BuiltFile => ({
          raw,
          encoded: { br: compress(raw, 'br', 'best'), gzip: compress(raw, 'gzip', 'best') },
          etag: etagOf(raw),
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
    c.header('Cache-Control', cacheControl);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('ETag', file.etag);
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (etagMatches(c.req.header('If-None-Match'), file.etag)) return c.body(null, 304);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    const encoding = pickEncoding(c.req.header('Accept-Encoding'));
    if (encoding) c.header('Content-Encoding', encoding);
    return c.body((encoding ? file.encoded[encoding] : file.raw) as Uint8Array<ArrayBuffer>);
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
