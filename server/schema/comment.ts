import { z } from '@hono/zod-openapi';
import { LIMITS, PATTERNS } from './limits.js';
import { httpUrl, ThreadUrlSchema } from './thread-url.js';

export const CommentStatusSchema = z.enum(['approved', 'pending', 'spam', 'deleted']);
export type CommentStatus = z.infer<typeof CommentStatusSchema>;

/** A comment id in a JSON body: an integer from 1, never a string. */
export const CommentIdSchema = z
  .number({ error: 'must be a comment id' })
  .int('must be a comment id')
  .min(1, 'must be a comment id')
  .max(Number.MAX_SAFE_INTEGER, 'must be a comment id');

/**
 * `{id}` in a path: decimal digits only, without sign, leading zero or space. `Number()` reads `0x401`,
 * `1.025e3`, `01025` and ` 1025` all as 1025; one comment must have one address.
 */
export const CommentIdParamsSchema = z.object({
  id: z
    .string({ error: 'must be a comment id' })
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a comment id')
    .transform(Number)
    .pipe(CommentIdSchema)
    .openapi({
      param: { name: 'id', in: 'path' },
      type: 'integer',
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      example: 1025,
    }),
});

/** What the public sees of a comment: built only by `toPublicComment()`. */
export const PublicCommentSchema = z
  .object({
    id: z.number().int().min(1),
    parentId: z.number().int().min(1).nullable(),
    author: z.object({
      name: z.string(),
      website: z.string().nullable(),
      /** A short keyed hash used to draw the avatar locally; not derived from anything a reader can reverse. */
      avatar: z.string(),
    }),
    html: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    editedAt: z.string().nullable().openapi({ format: 'date-time' }),
    status: CommentStatusSchema,
    /** Present, and true, when the author posted with a proof that the email address is theirs. */
    verified: z.literal(true).optional(),
    /** Browsers that like it. */
    likes: z.number().int().min(0),
    /** Present, and true, when an admin featured it. */
    featured: z.literal(true).optional(),
    /** Present, and true, for a reply an admin wrote as the site (the author is the site's name). */
    staff: z.literal(true).optional(),
  })
  .openapi('Comment');
export type PublicComment = z.infer<typeof PublicCommentSchema>;

const noControlChars = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
// A lone surrogate is not text: databases silently turn it into U+FFFD, so what is stored would differ from what was sent.
const noLoneSurrogates = (s: string) => !/\p{Surrogate}/u.test(s);

// Spaces, characters that render as nothing (zero-width, bidi controls, fillers) and marks with no letter
// to sit on: a name of only these shows as a blank.
const hasVisibleCharacter = (s: string) =>
  /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}]/u.test(s);

export const CommentBodySchema = z
  .string({ error: 'is required' })
  .refine(noControlChars, 'contains control characters')
  .refine(noLoneSurrogates, 'contains invalid characters')
  .refine((s) => s.trim().length >= LIMITS.bodyMin, 'must not be blank')
  .refine((s) => s.length <= LIMITS.bodyMax, `must be at most ${LIMITS.bodyMax} characters`)
  .openapi({
    minLength: LIMITS.bodyMin,
    maxLength: LIMITS.bodyMax,
    pattern: PATTERNS.noControlChars,
    description: 'Markdown; not blank.',
  });

export const AuthorInputSchema = z.object(
  {
    name: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(LIMITS.nameMax, `must be at most ${LIMITS.nameMax} characters`)
      .refine(noControlChars, 'contains control characters')
      .refine(noLoneSurrogates, 'contains invalid characters')
      .refine(hasVisibleCharacter, 'must contain a visible character')
      .openapi({ pattern: PATTERNS.noControlChars }),
    email: z
      .string({ error: 'is required' })
      .trim()
      .max(LIMITS.emailMax, `must be at most ${LIMITS.emailMax} characters`)
      .pipe(z.email('must be a valid email address'))
      .openapi({ type: 'string', format: 'email', maxLength: LIMITS.emailMax }),
    website: z
      .string()
      .trim()
      .max(LIMITS.websiteMax, `must be at most ${LIMITS.websiteMax} characters`)
      .refine((s) => noControlChars(s) && noLoneSurrogates(s), 'contains invalid characters')
      .refine((s) => s === '' || httpUrl(s) !== null, 'must be an http or https address')
      .openapi({ pattern: PATTERNS.httpUrlOrEmpty, description: 'An http(s) address, or empty.' })
      .optional(),
  },
  { error: 'is required' },
);

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits');

/** A signed proof-of-work puzzle: find `number` ≤ maxnumber with SHA-256(salt + number) = challenge (docs/pow.md). */
export const PowChallengeSchema = z
  .object({
    algorithm: z.literal('SHA-256'),
    challenge: hex64,
    salt: z.string().regex(/^[0-9a-f]{16,64}$/, 'must be 16 to 64 hex digits'),
    maxnumber: z.number().int().min(1).max(1e9),
    issuedAt: z.string().max(30).openapi({ format: 'date-time' }),
    expiresAt: z.string().max(30).openapi({ format: 'date-time' }),
    /** The thread the challenge was fetched for (GET /api/challenge?url=): it only works there. */
    url: z.string().max(4096).optional(),
    /**
     * The server holds a post sent sooner than this after `issuedAt` for a bot's (CONFAB_MIN_SUBMIT_SECONDS):
     * the widget waits it out. Absent from a server that predates it, and not signed: it only informs.
     */
    minSubmitSeconds: z.number().min(0).max(60).optional(),
    signature: hex64,
  })
  .openapi('PowChallenge');
export type PowChallenge = z.infer<typeof PowChallengeSchema>;

export const PowSolutionSchema = PowChallengeSchema.extend({
  number: z.number().int().min(0).max(1e9),
}).openapi('PowSolution');
export type PowSolution = z.infer<typeof PowSolutionSchema>;

export const PostCommentInputSchema = z
  .object({
    url: ThreadUrlSchema,
    title: z
      .string()
      .trim()
      .max(LIMITS.titleMax, `must be at most ${LIMITS.titleMax} characters`)
      .refine((s) => noControlChars(s) && noLoneSurrogates(s), 'contains invalid characters')
      .openapi({ pattern: PATTERNS.noControlChars })
      .optional(),
    parentId: CommentIdSchema.nullable().optional(),
    body: CommentBodySchema,
    author: AuthorInputSchema,
    /**
     * When the article was published (the element's `published` attribute, else the page's
     * article:published_time): the first post that states it dates the thread for CONFAB_CLOSE_AFTER_DAYS.
     */
    published: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
      .openapi({ format: 'date-time' })
      .optional(),
    /** The solved `GET /api/challenge`; required while proof of work is on (docs/pow.md). */
    pow: PowSolutionSchema.optional(),
    /** Honeypot: the widget hides this field from people, so anything in it marks a bot. */
    hp: z.string().optional(),
    /** Email the author about replies to this comment, or about every new comment of the thread (mail on only). */
    notify: z.enum(['replies', 'thread']).optional(),
    /** The reader's language for their emails (en, de, es, fr, ru, kk; others get English). */
    lang: z.string().max(35).optional(),
    /** The proof from a confirmed email link: marks the comment verified when it is for this email. */
    verifyToken: z.string().max(100).optional(),
    /**
     * A random value the widget keeps in the author's browser: with the email it keys the avatar, so a
     * guessed email alone cannot reproduce an author's avatar (server/domain/avatar.ts).
     */
    authorKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16 to 128 URL-safe characters')
      .openapi({ minLength: 16, maxLength: 128 })
      .optional(),
  })
  .openapi('PostCommentInput');
export type PostCommentInput = z.input<typeof PostCommentInputSchema>;

export const PostCommentResultSchema = z
  .object({
    comment: PublicCommentSchema,
    editToken: z.string(),
    editableUntil: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('PostCommentResult');
export type PostCommentResult = z.infer<typeof PostCommentResultSchema>;
