import { z } from '@hono/zod-openapi';
import { AuthorInputSchema } from './comment.js';
import { ThreadUrlSchema } from './thread-url.js';

export const FeaturesSchema = z
  .object({
    /** Whether this server sends email: the form offers "notify me" and "verify my email" only then. */
    mail: z.boolean(),
  })
  .openapi('Features');
export type Features = z.infer<typeof FeaturesSchema>;

export const VerifyInputSchema = z
  .object({
    email: AuthorInputSchema.shape.email,
    lang: z.string().max(35).optional(),
    /** The page to come back to; the confirmation page links to it with `#confab-proof=<proof>`. */
    url: ThreadUrlSchema.optional(),
  })
  .openapi('VerifyInput');
export type VerifyInput = z.input<typeof VerifyInputSchema>;

export const MailLinkResultSchema = z
  .object({
    action: z.enum(['confirm', 'verify', 'unsubscribe', 'approve', 'spam', 'delete']),
    /** After confirm or verify: the browser's proof that it owns the address (send it as `verifyToken`). */
    proof: z.string().optional(),
    /** After confirm or verify: the page to go back to, when known. */
    back: z.string().nullable().optional(),
    /** After approve, spam or delete: the comment acted on. */
    commentId: z.number().int().min(1).optional(),
  })
  .openapi('MailLinkResult');
