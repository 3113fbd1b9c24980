import { z } from '@hono/zod-openapi';
import { CommentBodySchema, CommentIdSchema, CommentStatusSchema } from './comment.js';
import { LIMITS } from './limits.js';
import { SiteFilterSchema } from './sites.js';
import { CursorSchema, PageLimitSchema } from './thread.js';

export const ADMIN_LIMITS = {
  /** Import files carry whole sites: far above the 64 KiB every other request is held to. */
  importBytes: 50 * 1024 * 1024,
  bulkMax: 500,
  searchMax: 200,
  wordMax: 100,
  wordsMax: 1_000,
} as const;

/** A comment as the site's admin sees it: the author's email and the thread included, the IP hash never. */
export const AdminCommentSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    thread: z.object({ url: z.string(), title: z.string().nullable() }),
    author: z.object({
      name: z.string(),
      email: z.string(),
      website: z.string().nullable(),
      avatar: z.string(),
    }),
    /** The Markdown source, and the HTML readers see. */
    body: z.string(),
    html: z.string(),
    status: CommentStatusSchema,
    createdAt: z.string().openapi({ format: 'date-time' }),
    editedAt: z.string().nullable().openapi({ format: 'date-time' }),
    featured: z.boolean(),
    /** A reply an admin wrote as the site. */
    staff: z.boolean(),
    likes: z.number().int(),
  })
  .openapi('AdminComment');
export type AdminComment = z.infer<typeof AdminCommentSchema>;

export const StatusCountsSchema = z
  .object({
    approved: z.number().int(),
    pending: z.number().int(),
    spam: z.number().int(),
    deleted: z.number().int(),
  })
  .openapi('StatusCounts');
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

export const AdminCommentsQuerySchema = z.object({
  status: CommentStatusSchema.optional(),
  url: z
    .string()
    .trim()
    .max(LIMITS.urlMax, `must be at most ${LIMITS.urlMax} characters`)
    .optional(),
  q: z
    .string()
    .trim()
    .max(ADMIN_LIMITS.searchMax, `must be at most ${ADMIN_LIMITS.searchMax} characters`)
    .optional(),
  cursor: CursorSchema.optional(),
  limit: PageLimitSchema,
  site: SiteFilterSchema,
});
export type AdminCommentsQuery = z.infer<typeof AdminCommentsQuerySchema>;

export const AdminCommentsPageSchema = z
  .object({
    comments: z.array(AdminCommentSchema),
    nextCursor: z.string().nullable(),
    /** Per status, within the `url` filter when one is given (ignoring `status` and `q`). */
    counts: StatusCountsSchema,
  })
  .openapi('AdminCommentPage');
export type AdminCommentsPage = z.infer<typeof AdminCommentsPageSchema>;

export const AdminCommentPatchSchema = z
  .object({
    status: CommentStatusSchema.optional(),
    body: CommentBodySchema.optional(),
    /** Featured comments come first in their thread, under "Featured". */
    featured: z.boolean().optional(),
  })
  .refine((p) => p.status !== undefined || p.body !== undefined || p.featured !== undefined, {
    message: 'send status, body, featured or several of them',
    path: ['status'],
  })
  .openapi('AdminCommentPatch');
export type AdminCommentPatch = z.infer<typeof AdminCommentPatchSchema>;

export const BulkActionSchema = z.enum(['approve', 'pending', 'spam', 'delete', 'erase']);
export type BulkAction = z.infer<typeof BulkActionSchema>;

export const BulkInputSchema = z
  .object({
    ids: z
      .array(CommentIdSchema, { error: 'must be a list of comment ids' })
      .min(1, 'must name at least one comment')
      .max(ADMIN_LIMITS.bulkMax, `must name at most ${ADMIN_LIMITS.bulkMax} comments`),
    action: BulkActionSchema,
  })
  .openapi('BulkInput');
export type BulkInput = z.infer<typeof BulkInputSchema>;

export const BulkResultSchema = z
  .object({
    /** Ids the action was applied to. */
    done: z.array(z.number().int()),
    /** Ids that named no comment. */
    missing: z.array(z.number().int()),
  })
  .openapi('BulkResult');
export type BulkResult = z.infer<typeof BulkResultSchema>;

/** What erasing one comment did: gone for good, or kept as a placeholder because replies hang under it. */
export const EraseResultSchema = z
  .object({ outcome: z.enum(['erased', 'placeholder']) })
  .openapi('EraseResult');
export type EraseResult = z.infer<typeof EraseResultSchema>;

const WordSchema = z
  .string({ error: 'must be a word or phrase' })
  .trim()
  .min(1, 'must not be blank')
  .max(ADMIN_LIMITS.wordMax, `must be at most ${ADMIN_LIMITS.wordMax} characters`)
  .refine((s) => !/[\u0000-\u001F\u007F]/.test(s), 'contains control characters');
const WordListSchema = z
  .array(WordSchema, { error: 'must be a list of words' })
  .max(ADMIN_LIMITS.wordsMax, `must have at most ${ADMIN_LIMITS.wordsMax} entries`);

/** Word lists matched as whole words, case-insensitively, against the body, name, email and website. */
export const ModerationSettingsSchema = z
  .object({
    /** A comment containing one of these waits for approval. */
    moderationWords: WordListSchema,
    /** A comment containing one of these goes straight to spam. */
    blockWords: WordListSchema,
  })
  .openapi('ModerationSettings');
export type ModerationSettings = z.infer<typeof ModerationSettingsSchema>;

export const StatsSchema = z
  .object({ counts: StatusCountsSchema, threads: z.number().int() })
  .openapi('AdminStats');
export type Stats = z.infer<typeof StatsSchema>;

export const AuthorErasureQuerySchema = z.object({
  bodies: z.enum(['keep', 'erase']).default('keep'),
});

export const AuthorErasureResultSchema = z
  .object({
    /** Comments whose author name, email and website were replaced. */
    anonymised: z.number().int(),
    /** Comments removed for good (only with `bodies=erase`). */
    erased: z.number().int(),
    /** Comments kept as empty placeholders because replies hang under them (only with `bodies=erase`). */
    placeholders: z.number().int(),
  })
  .openapi('AuthorErasureResult');
export type AuthorErasureResult = z.infer<typeof AuthorErasureResultSchema>;
