import { z } from '@hono/zod-openapi';
import { AdminCommentSchema } from './admin.js';
import { CommentBodySchema, CommentIdSchema } from './comment.js';
import { LIMITS, PATTERNS } from './limits.js';
import { ThreadUrlSchema } from './thread-url.js';

const isoDate = z.string().openapi({ format: 'date-time' });
const noControlChars = (s: string) => !/[\u0000-\u001F\u007F]/.test(s);

export const ThreadUrlQuerySchema = z.object({ url: ThreadUrlSchema });

export const ThreadPatchSchema = z
  .object({
    /** true closes, false keeps open whatever its age; null gives it back to CONFAB_CLOSE_AFTER_DAYS. */
    closed: z.boolean().nullable().optional(),
    /** Sets the title for good (posts no longer change it); null lets posts change it again. */
    title: z
      .string()
      .trim()
      .min(1, 'must not be blank')
      .max(LIMITS.titleMax, `must be at most ${LIMITS.titleMax} characters`)
      .refine(noControlChars, 'contains control characters')
      .openapi({ pattern: PATTERNS.noControlChars })
      .nullable()
      .optional(),
  })
  .refine((p) => p.closed !== undefined || p.title !== undefined, {
    message: 'send closed, title or both',
    path: ['closed'],
  })
  .openapi('ThreadPatch');
export type ThreadPatch = z.infer<typeof ThreadPatchSchema>;

export const AdminThreadSchema = z
  .object({
    url: z.string(),
    title: z.string().nullable(),
    /** Set by an admin: posts leave it alone. */
    titleLocked: z.boolean(),
    /** Whether it takes new comments now. */
    closed: z.boolean(),
    /** The admin's say (true, false) or null when the age rule decides. */
    closedByAdmin: z.boolean().nullable(),
    /** When the age rule closes it (CONFAB_CLOSE_AFTER_DAYS after publication); null when it never will. */
    closesAt: isoDate.nullable(),
    publishedAt: isoDate.nullable(),
    createdAt: isoDate,
  })
  .openapi('AdminThread');
export type AdminThread = z.infer<typeof AdminThreadSchema>;

export const StaffReplyInputSchema = z
  .object({ parentId: CommentIdSchema, body: CommentBodySchema })
  .openapi('StaffReplyInput');
export type StaffReplyInput = z.infer<typeof StaffReplyInputSchema>;

export const StaffReplyResultSchema = z
  .object({ comment: AdminCommentSchema })
  .openapi('StaffReplyResult');

const reason = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(LIMITS.reasonMax, `must be at most ${LIMITS.reasonMax} characters`)
  .refine(noControlChars, 'contains control characters')
  .openapi({ pattern: PATTERNS.noControlChars });

export const BanInputSchema = z
  .object({
    /** Ban this email address… */
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(LIMITS.emailMax, `must be at most ${LIMITS.emailMax} characters`)
      .pipe(z.email('must be a valid email address'))
      .openapi({ type: 'string', format: 'email', maxLength: LIMITS.emailMax })
      .optional(),
    /** …or the network address this comment came from. */
    commentId: CommentIdSchema.optional(),
    reason,
    /** For this many days; for good when absent. */
    days: z.number().int('must be a whole number').min(1).max(36_500).optional(),
    /** Who sets it, as the moderators know each other; "admin" when absent. */
    by: z
      .string()
      .trim()
      .min(1, 'must not be blank')
      .max(LIMITS.nameMax, `must be at most ${LIMITS.nameMax} characters`)
      .refine(noControlChars, 'contains control characters')
      .openapi({ pattern: PATTERNS.noControlChars })
      .optional(),
  })
  .refine((b) => (b.email === undefined) !== (b.commentId === undefined), {
    message: 'send either email or commentId',
    path: ['email'],
  })
  .openapi('BanInput');
export type BanInput = z.infer<typeof BanInputSchema>;

export const BanSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['email', 'ip']),
    /** For an email ban. */
    email: z.string().nullable(),
    /** For an address ban: the comment whose address it is (the address itself is never shown). */
    commentId: z.number().int().nullable(),
    reason: z.string(),
    createdBy: z.string(),
    createdAt: isoDate,
    /** Null: for good. */
    expiresAt: isoDate.nullable(),
  })
  .openapi('Ban');
export type Ban = z.infer<typeof BanSchema>;

export const BanListSchema = z.object({ bans: z.array(BanSchema) }).openapi('BanList');

export const BanIdParamsSchema = z.object({
  id: z
    .string({ error: 'must be a ban id' })
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a ban id')
    .transform(Number)
    .pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER))
    .openapi({
      param: { name: 'id', in: 'path' },
      type: 'integer',
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      example: 7,
    }),
});
