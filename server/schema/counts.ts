import { z } from '@hono/zod-openapi';
import { CommentBodySchema } from './comment.js';
import { LIMITS, PATTERNS } from './limits.js';
import { ThreadUrlSchema } from './thread-url.js';

/** `?url=A&url=B…`: one URL arrives as a string, several as an array. */
export const CountsQuerySchema = z.object({
  url: z
    .union([ThreadUrlSchema, z.array(ThreadUrlSchema)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.string())
        .max(LIMITS.countsMaxUrls, `at most ${LIMITS.countsMaxUrls} URLs in one request`),
    )
    .openapi({
      type: 'array',
      items: {
        type: 'string',
        format: 'uri',
        minLength: 1,
        maxLength: LIMITS.urlMax,
        pattern: PATTERNS.httpUrl,
      },
      minItems: 1,
      maxItems: LIMITS.countsMaxUrls,
    }),
});

export const CountsResponseSchema = z
  .object({
    /** Approved comments per URL, keyed by each URL exactly as it was asked for. */
    counts: z.record(z.string(), z.number().int().min(0)),
  })
  .openapi('Counts');
export type CountsResponse = z.infer<typeof CountsResponseSchema>;

export const PreviewInputSchema = z.object({ body: CommentBodySchema }).openapi('PreviewInput');
export const PreviewResponseSchema = z.object({ html: z.string() }).openapi('Preview');
export type PreviewResponse = z.infer<typeof PreviewResponseSchema>;
