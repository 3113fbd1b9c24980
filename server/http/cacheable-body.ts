import type { Context } from 'hono';
import { type Compression, compress, type Encoding, negotiateEncoding } from './encoding.js';
import { etagMatches, etagOf } from './etag.js';

/**
 * A body answered many times as it is: its ETag made once, and its compressed copies made on first
 * demand and kept with it. Thread pages, feeds and the widget's files are such bodies.
 */
export interface CacheableBody {
  readonly bytes: Uint8Array;
  readonly etag: string;
  readonly contentType: string;
  /** The bytes in `encoding`; null when the body is too small to be worth compressing. */
  encoded(encoding: Encoding): Uint8Array | null;
}

export function cacheableBody(
  bytes: Uint8Array,
  opts: { contentType: string; compression: Compression },
): CacheableBody {
  const copies = new Map<Encoding, Uint8Array>();
  return {
    bytes,
    etag: etagOf(bytes),
    contentType: opts.contentType,
    encoded(encoding) {
      if (bytes.byteLength < opts.compression.minBytes) return null;
      let copy = copies.get(encoding);
      if (!copy) {
        copy = compress(bytes, encoding, opts.compression.level);
        copies.set(encoding, copy);
      }
      return copy;
    },
  };
}

/**
 * One body per value, made on first demand and kept for as long as the value lives. The domain's caches
 * hand out the same value until it changes (domain/thread-cache.ts), so a value is serialised, tagged and
 * compressed once per change, not per request, and is forgotten with it. Each rendering of a value (JSON,
 * HTML) keeps its own bodies.
 */
export function bodyPerValue<T extends object>(
  render: (value: T) => CacheableBody,
): (value: T) => CacheableBody {
  const bodies = new WeakMap<T, CacheableBody>();
  return (value) => {
    let body = bodies.get(value);
    if (!body) {
      body = render(value);
      bodies.set(value, body);
    }
    return body;
  };
}

/**
 * The one send path for cacheable bodies: the ETag, `cacheControl` and `Vary: Accept-Encoding` on every
 * answer; a bodiless 304 when If-None-Match names the ETag; else the bytes, compressed as the client
 * accepts. One ETag covers every encoding (the bytes before compression are what it tags). Headers the
 * route set first (CORS, CORP) stay on both answers.
 */
export function sendCacheable(c: Context, body: CacheableBody, cacheControl: string): Response {
  c.header('ETag', body.etag);
  c.header('Cache-Control', cacheControl);
  c.header('Vary', 'Accept-Encoding', { append: true });
  if (etagMatches(c.req.header('If-None-Match'), body.etag)) return c.body(null, 304);
  const encoding = negotiateEncoding(c);
  const encoded = encoding && body.encoded(encoding);
  if (encoded) c.header('Content-Encoding', encoding);
  c.header('Content-Type', body.contentType);
  return c.body((encoded || body.bytes) as Uint8Array<ArrayBuffer>, 200);
}
