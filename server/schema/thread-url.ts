import { z } from '@hono/zod-openapi';
import { LIMITS, PATTERNS } from './limits.js';

/** What a field holding anything but a page address is told, by the schema and the domain alike. */
export const NOT_A_PAGE_ADDRESS = 'must be an absolute http or https address';

/** The address when `s` is an absolute http(s) one, else null: the one rule for every address field. */
export function httpUrl(s: string): URL | null {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' ? u : null;
}

/** An absolute http(s) page address identifying a thread. */
export const ThreadUrlSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(LIMITS.urlMax, `must be at most ${LIMITS.urlMax} characters`)
  .refine((s) => httpUrl(s) !== null, NOT_A_PAGE_ADDRESS)
  .openapi({ format: 'uri', pattern: PATTERNS.httpUrl, example: 'https://news.example/story' });
