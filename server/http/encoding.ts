import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';

export type Encoding = 'br' | 'gzip';

/** How a body is compressed: at which level, and from which size on (smaller ones are sent as they are). */
export interface Compression {
  level: 'fast' | 'best';
  minBytes: number;
}

/** Files that do not change while the process runs: compressed once each, as small as can be. */
export const STATIC_FILE: Compression = { level: 'best', minBytes: 0 };

/**
 * Pages that change with the comments (threads, feeds), so compressed again and again: at a fast level,
 * and not at all under 1 KiB, where compressing saves less than it costs.
 */
export const CHANGING_PAGE: Compression = { level: 'fast', minBytes: 1024 };

export function compress(
  bytes: Uint8Array,
  encoding: Encoding,
  level: Compression['level'],
): Uint8Array {
  const out =
    encoding === 'gzip'
      ? gzipSync(bytes, { level: level === 'best' ? 9 : 6 })
      : brotliCompressSync(bytes, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: level === 'best' ? 11 : 5,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
          },
        });
  // zlib hands back a view of its larger output chunk; a kept copy of the exact size frees the rest.
  return new Uint8Array(out);
}

const SUPPORTED: Encoding[] = ['br', 'gzip'];

/**
 * Our preference among the codings the client accepts at all (q > 0): brotli compresses text better than
 * gzip, so a browser listing `gzip, deflate, br` gets brotli. Hono's default match would follow the
 * header's order instead.
 */
const preferred: NonNullable<Parameters<typeof accepts>[1]['match']> = (accepted, config) => {
  const ok = (coding: string) => accepted.some((a) => a.q > 0 && a.type.toLowerCase() === coding);
  return config.supports.find(ok) ?? config.default;
};

/** The encoding to send for the request's Accept-Encoding: brotli, else gzip, else none. */
export function negotiateEncoding(c: Context): Encoding | null {
  const chosen = accepts(c, {
    header: 'Accept-Encoding',
    supports: SUPPORTED,
    default: 'identity',
    match: preferred,
  });
  return chosen === 'identity' ? null : (chosen as Encoding);
}
