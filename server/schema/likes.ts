import { z } from '@hono/zod-openapi';

/** A random value the widget makes once and keeps in the reader's browser: one like per key per comment. */
export const LikeInputSchema = z
  .object({
    key: z
      .string({ error: 'is required' })
      .regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16 to 128 URL-safe characters')
      .openapi({ minLength: 16, maxLength: 128 }),
  })
  .openapi('LikeInput');
export type LikeInput = z.infer<typeof LikeInputSchema>;

export const LikeResultSchema = z
  .object({
    /** The comment's likes after the change. */
    likes: z.number().int().min(0),
    /** Whether this browser likes it now. */
    liked: z.boolean(),
  })
  .openapi('LikeResult');
export type LikeResult = z.infer<typeof LikeResultSchema>;
