import { z } from '@hono/zod-openapi';
import { LIMITS, PATTERNS } from './limits.js';

/** An absolute http(s) page address identifying a thread. */
export const ThreadUrlSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(LIMITS.urlMax, `must be at most ${LIMITS.urlMax} characters`)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an absolute http or https address')
  .openapi({ format: 'uri', pattern: PATTERNS.httpUrl, example: 'https://news.example/story' });
