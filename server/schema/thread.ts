import { z } from '@hono/zod-openapi';
import { PublicCommentSchema } from './comment.js';
import { LIMITS } from './limits.js';
import { ThreadUrlSchema } from './thread-url.js';

/** `best`: most liked first, then oldest. */
export const SortSchema = z.enum(['oldest', 'newest', 'best']);
export type Sort = z.infer<typeof SortSchema>;

/** Paging parameters every listing shares: an opaque cursor and a page size. */
export const CursorSchema = z.string().max(200, 'is not a valid cursor');
export const PageLimitSchema = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(LIMITS.pageMax, `must be at most ${LIMITS.pageMax}`)
  .default(LIMITS.pageDefault);

export const ThreadQuerySchema = z.object({
  url: ThreadUrlSchema,
  sort: SortSchema.default('oldest'),
  cursor: CursorSchema.optional(),
  limit: PageLimitSchema,
});
export type ThreadQuery = z.infer<typeof ThreadQuerySchema>;

export const ThreadSchema = z
  .object({
    url: z.string(),
    title: z.string().nullable(),
    /** Approved comments in the whole thread. */
    count: z.number().int(),
    /** Closed threads take no new comments (403 `thread_closed`); the widget shows "Comments are closed." */
    closed: z.boolean(),
    /**
     * When the age rule (CONFAB_CLOSE_AFTER_DAYS) closes this open thread: the widget swaps its form for
     * "Comments are closed." then, with no request. Absent when the rule will not close it.
     */
    closesAt: z.string().openapi({ format: 'date-time' }).optional(),
  })
  .openapi('Thread');
export type Thread = z.infer<typeof ThreadSchema>;

/** What a live `thread.updated` event tells readers of their thread: whether it is closed, and when the age rule will close it. */
export type ThreadChange = Pick<Thread, 'closed' | 'closesAt'>;

export const ThreadResponseSchema = z
  .object({
    thread: ThreadSchema,
    comments: z.array(PublicCommentSchema),
    /** On the first page (no cursor): the thread's featured comments, oldest first; they also keep their place. */
    featured: z.array(PublicCommentSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi('ThreadPage');
export type ThreadResponse = z.infer<typeof ThreadResponseSchema>;

export const LANGUAGES = ['en', 'de', 'es', 'fr', 'kk', 'ru'] as const;

/** GET /api/threads/html: the first page of a thread, rendered as the widget draws it. */
export const ThreadHtmlQuerySchema = z.object({
  url: ThreadUrlSchema,
  sort: SortSchema.default('oldest'),
  lang: z
    .enum(LANGUAGES)
    .default('en')
    .openapi({ description: 'The language of the widget’s words and dates.' }),
  theme: z.enum(['auto', 'light', 'dark']).optional(),
});
export type ThreadHtmlQuery = z.infer<typeof ThreadHtmlQuerySchema>;
