import { createHash } from 'node:crypto';

/** Weak validator derived from the bytes: equal bodies have equal tags on every instance and restart. */
export function etagOf(bytes: Uint8Array): string {
  return `W/"${createHash('sha1').update(bytes).digest('base64url').slice(0, 22)}"`;
}

/**
 * True when an If-None-Match header names this tag (weak comparison, as RFC 9110 asks for GET). Hono's
 * etag middleware compares the same way, but only after the whole 200 is built, and keeps none of the
 * CORS headers on its 304; it exports no comparison of its own.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}
