import { z } from '@hono/zod-openapi';
import { ModerationSettingsSchema } from './admin.js';
import { CommentStatusSchema } from './comment.js';
import { LIMITS } from './limits.js';
import { SiteFilterSchema } from './sites.js';
import { httpUrl, ThreadUrlSchema } from './thread-url.js';

/** Imported bodies may come from other systems with longer comments than Confab accepts from readers. */
const IMPORT_BODY_MAX = 100_000;

const isoDate = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
  .openapi({ format: 'date-time' });

export const ExportThreadSchema = z
  .object({
    url: ThreadUrlSchema,
    title: z
      .string()
      .max(LIMITS.titleMax, `must be at most ${LIMITS.titleMax} characters`)
      .nullable(),
    createdAt: isoDate,
    /** Version 2: an admin's closing (true) or reopening (false); null or absent leaves it to the age rule. */
    closed: z.boolean().nullable().optional(),
    /** Version 2: the article's publication as a post stated it. */
    publishedAt: isoDate.nullable().optional(),
    /** Version 2: the title was set by an admin, and posts leave it alone. */
    titleLocked: z.boolean().optional(),
  })
  .openapi('ExportThread');
export type ExportThread = z.infer<typeof ExportThreadSchema>;

export const ExportCommentSchema = z
  .object({
    id: z
      .number()
      .int('must be a whole number')
      .positive('must be positive')
      .max(Number.MAX_SAFE_INTEGER),
    /** The `url` of the thread it belongs to, listed in `threads`. */
    thread: ThreadUrlSchema,
    parentId: z.number().int('must be a whole number').positive('must be positive').nullable(),
    author: z.object({
      /** Empty for placeholders and erased authors. */
      name: z.string().max(LIMITS.nameMax, `must be at most ${LIMITS.nameMax} characters`),
      /** Empty once the author's personal data was erased. */
      email: z.union([
        z.literal(''),
        z.email('must be a valid email address or empty').max(LIMITS.emailMax),
      ]),
      website: z
        .string()
        .max(LIMITS.websiteMax)
        .refine((s) => httpUrl(s) !== null, 'must be an http or https address')
        .nullable(),
      /**
       * The seed the avatar is drawn from. Posted comments' seeds cannot be made again from the email
       * (server/domain/avatar.ts), so a move keeps them; without it the import keys one by the email.
       */
      avatar: z
        .string()
        .regex(/^[0-9a-f]{6}$/, 'must be 6 hex digits')
        .optional(),
    }),
    /** Markdown source; empty for placeholders. */
    body: z.string().max(IMPORT_BODY_MAX, `must be at most ${IMPORT_BODY_MAX} characters`),
    /** Informative: an import renders the body again, so only this server's renderer produces what readers see. */
    html: z.string().optional(),
    status: CommentStatusSchema,
    createdAt: isoDate,
    editedAt: isoDate.nullable(),
    /** Version 2: when an admin featured it; null or absent when not featured. */
    featuredAt: isoDate.nullable().optional(),
    /** Version 2: a reply an admin wrote as the site. */
    staff: z.boolean().optional(),
    /** Version 2: how many browsers like it (which ones is never exported). */
    likes: z.number().int('must be a whole number').min(0).optional(),
  })
  .openapi('ExportComment');
export type ExportComment = z.infer<typeof ExportCommentSchema>;

/** Version 2: an email ban. Address bans are not exported: they rest on address hashes, which exports never carry. */
export const ExportBanSchema = z
  .object({
    email: z.email('must be a valid email address').max(LIMITS.emailMax),
    reason: z
      .string()
      .min(1)
      .max(LIMITS.reasonMax, `must be at most ${LIMITS.reasonMax} characters`),
    createdBy: z
      .string()
      .min(1)
      .max(LIMITS.nameMax, `must be at most ${LIMITS.nameMax} characters`),
    createdAt: isoDate,
    /** Null: for good. */
    expiresAt: isoDate.nullable(),
  })
  .openapi('ExportBan');
export type ExportBan = z.infer<typeof ExportBanSchema>;

/**
 * Confab's backup and migration format. Version 2 adds what a newsroom keeps (thread states, featured
 * comments, staff replies, like counts, email bans); a version 1 file reads as one without them.
 * Comments are listed by id, parents before replies; `parentId` names another comment of the same file
 * and thread. Avatars, edit tokens, IP hashes and who liked what are not part of it: they are keyed by
 * the server's secret and mean nothing elsewhere.
 */
export const ConfabExportSchema = z
  .object({
    format: z.literal('confab', { error: 'must be "confab"' }),
    version: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2' }),
    exportedAt: isoDate,
    threads: z.array(ExportThreadSchema, { error: 'must be a list' }),
    comments: z.array(ExportCommentSchema, { error: 'must be a list' }),
    settings: ModerationSettingsSchema.optional(),
    bans: z.array(ExportBanSchema, { error: 'must be a list' }).optional(),
    /** In one author's export only: the email notifications they asked for. Imports ignore it. */
    subscriptions: z
      .array(
        z.object({
          kind: z.enum(['replies', 'thread']),
          threadUrl: z.string(),
          /** The comment whose replies are wanted; null for the whole thread. */
          commentId: z.number().int().nullable(),
          lang: z.string(),
          createdAt: isoDate,
        }),
      )
      .optional(),
  })
  .openapi('ConfabExport');
export type ConfabExport = z.infer<typeof ConfabExportSchema>;

export const ImportFormatSchema = z.enum(['confab', 'wxr', 'disqus']);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

export const ImportQuerySchema = z.object({
  format: ImportFormatSchema.default('confab'),
  /** The site new threads go to; a site's token imports into its own only. */
  site: SiteFilterSchema,
});

/** Why a comment of an imported file was left out. */
export const ImportRefusalReasonSchema = z.enum([
  'no_date',
  'empty_body',
  'unknown_thread',
  'unknown_parent',
  'duplicate_id',
  'not_a_comment',
  'trashed',
  'invalid',
]);
export type ImportRefusalReason = z.infer<typeof ImportRefusalReasonSchema>;

export const ImportRefusalSchema = z
  .object({
    /** The comment's id in the imported file (WordPress comment id, Disqus dsq:id). */
    id: z.string(),
    /** Line of the comment in the file. */
    line: z.number().int(),
    reason: ImportRefusalReasonSchema,
    message: z.string(),
  })
  .openapi('ImportRefusal');
export type ImportRefusal = z.infer<typeof ImportRefusalSchema>;

/** Refusals listed one by one at most; `comments.refused` counts them all. */
export const IMPORT_REFUSALS_LISTED = 1000;

export const ImportResultSchema = z
  .object({
    threads: z.object({ created: z.number().int(), existing: z.number().int() }),
    /**
     * `skipped` counts comments already stored (same thread, author email, time and body); `refused` the
     * comments of the file left out, each with its reason in `refused` below. Replies to a refused comment
     * hang from its nearest ancestor kept.
     */
    comments: z.object({
      imported: z.number().int(),
      skipped: z.number().int(),
      refused: z.number().int(),
    }),
    refused: z.array(ImportRefusalSchema).max(IMPORT_REFUSALS_LISTED),
  })
  .openapi('ImportResult');
export type ImportResult = z.infer<typeof ImportResultSchema>;
