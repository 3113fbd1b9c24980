import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../server/http/encoding.js';
import { ROOT } from './proc.js';

export interface BundleSize {
  path: string;
  raw: number;
  /** gzip -9 and brotli 11: what the server sends (it compresses embed.js once, at the best level). */
  gzip: number;
  brotli: number;
  /** Lit is bundled, not loaded from elsewhere. */
  litInside: boolean;
  /** Files embed.js imports statically: each would be another request before the first render (want none). */
  staticImports: string[];
  /** Chunks loaded on demand (e.g. other languages), not needed for an English first render. */
  lazyChunks: string[];
}

export function measureBundle(): BundleSize {
  const path = join('dist', 'widget', 'embed.js');
  const code = readFileSync(join(ROOT, path));
  const text = code.toString('utf8');
  // Lit registers its version on a global in every build, minified or not.
  const litInside = /litElementVersions/.test(text) && /litHtmlVersions/.test(text);
  const quoted = `["'\`]([^"'\`]+)["'\`]`;
  const staticImports = [
    ...text.matchAll(new RegExp(`(?:^|[;\\s])import\\s*(?:[\\w*{}\\s,$]+from\\s*)?${quoted}`, 'g')),
  ].map((m) => m[1]!);
  const lazyChunks = [...text.matchAll(new RegExp(`\\bimport\\(\\s*${quoted}\\s*\\)`, 'g'))].map(
    (m) => m[1]!,
  );
  return {
    path,
    raw: code.byteLength,
    gzip: compress(code, 'gzip', 'best').byteLength,
    brotli: compress(code, 'br', 'best').byteLength,
    litInside,
    staticImports,
    lazyChunks,
  };
}
