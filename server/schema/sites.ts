import { z } from '@hono/zod-openapi';
import { LANGUAGES } from './thread.js';

export const SITE_LIMITS = {
  idMax: 40,
  nameMax: 100,
  /** Origins or hosts per site. */
  listMax: 50,
  emailsMax: 20,
  webhookUrlMax: 2_000,
  webhookSecretMin: 16,
  webhookSecretMax: 200,
} as const;

/** `https://news.example` or `http://localhost:3000`: what a browser sends as Origin, nothing after it. */
export function asOrigin(s: string): string | null {
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin === s.replace(/\/+$/, '').toLowerCase() ? u.origin : null;
  } catch {
    return null;
  }
}

/** A thread URL's host as `URL.host` has it (port included when not the default), or `*` for any. */
export function asHost(s: string): string | null {
  if (s === '*') return s;
  try {
    const u = new URL(`http://${s}`);
    return u.host === s.toLowerCase() && u.pathname === '/' ? u.host : null;
  } catch {
    return null;
  }
}

const OriginSchema = z
  .string()
  .trim()
  .refine((s) => asOrigin(s) !== null, 'must be an origin such as https://news.example')
  .transform((s) => asOrigin(s)!)
  .openapi({ example: 'https://news.example' });

const HostSchema = z
  .string()
  .trim()
  .refine((s) => asHost(s) !== null, 'must be a host such as news.example, or * for any')
  .transform((s) => asHost(s)!)
  .openapi({ example: 'news.example' });

export const SiteIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
  .max(SITE_LIMITS.idMax, `must be at most ${SITE_LIMITS.idMax} characters`)
  .openapi({ example: 'gazette' });

/** The settings every site may have, as the API shows them: never the webhook's secret. */
const siteSettingsShape = {
  moderation: z.enum(['none', 'first-time', 'all']).optional(),
  /** Seconds an author may edit or delete their comment. */
  editWindowSeconds: z.number().int().min(0).max(31_536_000).optional(),
  /** More links than this hold a comment for moderation. */
  maxLinks: z.number().int().min(0).max(1_000).optional(),
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http or https address' })
    .max(SITE_LIMITS.webhookUrlMax)
    .optional()
    .openapi({
      description:
        "Where this site's comment events are POSTed, signed with `webhookSecret`. Without one, this site's events go nowhere.",
      example: 'https://hooks.gazette.example/confab',
    }),
  moderatorEmails: z
    .array(z.email('must be an email address'))
    .max(SITE_LIMITS.emailsMax, `must have at most ${SITE_LIMITS.emailsMax} addresses`)
    .optional()
    .openapi({
      description:
        "Who gets this site's moderation alerts, with approve, spam and delete links for its comments. Without them, nobody.",
    }),
  /** `held`: an alert for each held comment; `all`: for every new comment. */
  notifyModerators: z.enum(['held', 'all']).optional(),
  /** The language of its moderators' alerts and of the pages their links open; CONFAB_LANG by default. */
  lang: z.enum(LANGUAGES).optional(),
};

/**
 * What a site may set for itself; what it leaves out of moderation, edit window, link limit, alert choice
 * and language follows the environment's settings. The webhook secret is written, never read back.
 */
export const SiteSettingsSchema = z
  .object({
    ...siteSettingsShape,
    webhookSecret: z
      .string()
      .min(
        SITE_LIMITS.webhookSecretMin,
        `must be at least ${SITE_LIMITS.webhookSecretMin} characters`,
      )
      .max(SITE_LIMITS.webhookSecretMax)
      .optional()
      .openapi({
        description:
          'Keys the HMAC signature of each delivery; required with `webhookUrl` (a change of the URL alone keeps the stored one). Never returned.',
      }),
  })
  .strict()
  .openapi('SiteSettings');
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

/** A site's settings as the API returns them: whether there is a webhook secret, never the secret. */
export const SiteSettingsViewSchema = z
  .object({
    ...siteSettingsShape,
    hasWebhookSecret: z.boolean().optional(),
  })
  .openapi('SiteSettingsView');

export const SiteSchema = z
  .object({
    id: SiteIdSchema,
    name: z.string(),
    origins: z.array(z.string()),
    hosts: z.array(z.string()),
    /** Whether the site has its own admin token (never shown after it is made). */
    hasToken: z.boolean(),
    settings: SiteSettingsViewSchema,
    /** `default` is configured by the environment; its settings are read-only here. */
    fromEnvironment: z.boolean(),
  })
  .openapi('Site');
export type Site = z.infer<typeof SiteSchema>;

const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(SITE_LIMITS.listMax, `must have at most ${SITE_LIMITS.listMax} entries`);

export const SiteCreateSchema = z
  .object({
    id: SiteIdSchema,
    name: z.string().trim().min(1, 'is required').max(SITE_LIMITS.nameMax),
    origins: list(OriginSchema).min(1, 'must name at least one origin'),
    /** By default, the hosts of the origins. */
    hosts: list(HostSchema).optional(),
    settings: SiteSettingsSchema.optional(),
  })
  .strict()
  .openapi('SiteCreate');
export type SiteCreate = z.infer<typeof SiteCreateSchema>;

export const SitePatchSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(SITE_LIMITS.nameMax).optional(),
    origins: list(OriginSchema).min(1, 'must name at least one origin').optional(),
    hosts: list(HostSchema).optional(),
    /** Replaces the settings the site overrides. */
    settings: SiteSettingsSchema.optional(),
    /** Makes a new admin token for the site; the old one stops working. */
    newToken: z.boolean().optional(),
  })
  .strict()
  .openapi('SitePatch');
export type SitePatch = z.infer<typeof SitePatchSchema>;

/** A site, with its admin token when this request made one: it is shown only this once. */
export const SiteResultSchema = z
  .object({ site: SiteSchema, token: z.string().optional() })
  .openapi('SiteResult');
export type SiteResult = z.infer<typeof SiteResultSchema>;

export const SitesListSchema = z.object({ sites: z.array(SiteSchema) }).openapi('SitesList');

export const SiteIdParamsSchema = z.object({
  id: SiteIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

/** The server admin narrows a view to one site; a site's own token is always narrowed to its site. */
export const SiteFilterSchema = SiteIdSchema.optional().openapi({
  description:
    "Only this site's data; by default every site's for the server admin, its own for a site's token.",
  example: 'gazette',
});

export const SiteQuerySchema = z.object({ site: SiteFilterSchema });
