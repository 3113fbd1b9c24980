import { isIP } from 'node:net';
import { z } from 'zod';
import { defaultMaxStreams } from './events/stream-limits.js';
import { MAIL_LANGS } from './mail/templates/index.js';
import { asHost } from './schema/sites.js';

const ModerationSchema = z.enum(['none', 'first-time', 'all']);
export type ModerationMode = z.infer<typeof ModerationSchema>;

/** `"5/min,30/hour"`-style posting limit; `off` disables it. */
export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  sec: 1,
  min: 60,
  m: 60,
  hour: 3600,
  h: 3600,
  day: 86400,
  d: 86400,
};

function parseRateLimit(raw: string, ctx: z.RefinementCtx): RateLimitRule[] {
  if (raw.trim() === 'off') return [];
  const rules: RateLimitRule[] = [];
  for (const part of raw.split(',')) {
    const m = /^\s*(\d+)\s*\/\s*([a-z]+)\s*$/.exec(part);
    const seconds = m ? UNIT_SECONDS[m[2]!] : undefined;
    if (!m || seconds === undefined || Number(m[1]) < 1) {
      ctx.addIssue({ code: 'custom', message: `"${part.trim()}" is not like 5/min or 30/hour` });
      return z.NEVER;
    }
    rules.push({ max: Number(m[1]), windowSeconds: seconds });
  }
  return rules;
}

/** Which store, bus and limiter the server runs on: one SQLite process, or PostgreSQL and its peers. */
export type Engine = 'sqlite' | 'postgres';

/** The one place a database URL's scheme picks the engine: `file:` → SQLite, `postgres://` → PostgreSQL. */
export function engineOf(databaseUrl: string): Engine | undefined {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  return undefined;
}

const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** The host of an origin as a thread URL has it; `*` stays `*`. */
function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** `10.0.0.5`, `::1`, `10.0.0.0/8` or `fd00::/8`. */
function isIpOrCidr(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return (
    bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  );
}

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('file:./data/confab.db')
    .refine((s) => engineOf(s) !== undefined, 'must start with file: or postgres://'),
  CONFAB_PG_POOL: z.coerce.number().int().min(1).max(1000).default(10),
  CONFAB_ORIGINS: list.optional(),
  CONFAB_HOSTS: list
    .refine(
      (l) => l.every((h) => asHost(h) !== null),
      'each entry must be a host such as news.example, or * for any',
    )
    .optional(),
  CONFAB_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  CONFAB_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  CONFAB_MODERATION: ModerationSchema.default('none'),
  CONFAB_EDIT_WINDOW: z.coerce.number().int().min(0).default(900),
  CONFAB_MAX_DEPTH: z.coerce.number().int().min(2).max(20).default(5),
  CONFAB_MAX_LINKS: z.coerce.number().int().min(0).default(2),
  CONFAB_RATE_LIMIT: z.string().default('5/min,30/hour').transform(parseRateLimit),
  CONFAB_EDIT_RATE_LIMIT: z.string().default('20/min,100/hour').transform(parseRateLimit),
  CONFAB_MAX_EDITS: z.coerce.number().int().min(0).default(10),
  CONFAB_LIKE_RATE_LIMIT: z.string().default('30/min,300/hour').transform(parseRateLimit),
  CONFAB_CLOSE_AFTER_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  CONFAB_SITE_NAME: z.string().trim().min(1).max(100).default('The editors'),
  CONFAB_MAX_STREAMS: z.coerce.number().int().min(1).optional(),
  CONFAB_MAX_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).default(6),
  CONFAB_TRUSTED_PROXIES: list
    .refine(
      (l) => l.every(isIpOrCidr),
      'each entry must be an IP address or a CIDR range such as 10.0.0.0/8',
    )
    .default([]),
  CONFAB_POW: onOff.default(true),
  CONFAB_POW_DIFFICULTY: z.coerce.number().int().min(100).max(10_000_000).default(10_000),
  CONFAB_POW_FREE_CHALLENGES: z.coerce.number().int().min(1).max(1_000_000).optional(),
  CONFAB_MIN_SUBMIT_SECONDS: z.coerce.number().min(0).max(60).default(2),
  CONFAB_HONEYPOT: onOff.default(true),
  CONFAB_WEBHOOK_URL: z.url().optional(),
  CONFAB_WEBHOOK_SECRET: z.string().optional(),
  CONFAB_SMTP_URL: z
    .string()
    .refine(
      (s) => /^(smtps?:\/\/|file:)/.test(s),
      'must start with smtp://, smtps:// or file: (a folder for .eml files)',
    )
    .optional(),
  CONFAB_MAIL_FROM: z.string().min(3).optional(),
  CONFAB_PUBLIC_URL: z.url().optional(),
  CONFAB_MAIL_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
  CONFAB_MAIL_RETRY_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  CONFAB_MODERATOR_EMAILS: list
    .refine(
      (l) => l.every((e) => z.email().safeParse(e).success),
      'each entry must be an email address',
    )
    .default([]),
  CONFAB_NOTIFY_MODERATORS: z.enum(['held', 'all']).default('held'),
  CONFAB_LANG: z
    .string()
    .refine((l) => MAIL_LANGS.includes(l), `must be one of ${MAIL_LANGS.join(', ')}`)
    .default('en'),
  CONFAB_LOG: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
});

/**
 * The server's settings, frozen. Each field is named once, here: the type is what this transform makes of
 * the environment.
 */
const ConfigFromEnv = ConfigSchema.transform((e, ctx) => {
  // Unsigned deliveries could be forged by anyone who learns the receiver's address.
  if (e.CONFAB_WEBHOOK_URL && !e.CONFAB_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['CONFAB_WEBHOOK_SECRET'],
      message: 'is required when CONFAB_WEBHOOK_URL is set (receivers check the signature with it)',
    });
    return z.NEVER;
  }
  const publicUrl = (e.CONFAB_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    /** Where browsers reach this server: email links and server-rendered threads' scripts start here. */
    publicUrl,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    /** Decided from `databaseUrl` here, once; nothing else looks at the URL's scheme. */
    engine: engineOf(e.DATABASE_URL)!,
    /** PostgreSQL connections per instance (unused with SQLite). */
    pgPoolSize: e.CONFAB_PG_POOL,
    /** Extra origins allowed to embed and post; the server's own origin and localhost are always allowed. */
    origins: Object.freeze(e.CONFAB_ORIGINS ?? []),
    /**
     * Hosts the default site's thread URLs may have (`*` any): CONFAB_HOSTS, else those of its origins.
     * With neither set, any host, so a first start and the demo work (main.ts warns).
     */
    hosts: Object.freeze(
      (e.CONFAB_HOSTS ?? e.CONFAB_ORIGINS?.map(hostOf) ?? ['*']).flatMap((h) => asHost(h) ?? []),
    ),
    secret: e.CONFAB_SECRET,
    adminToken: e.CONFAB_ADMIN_TOKEN,
    moderation: e.CONFAB_MODERATION,
    editWindowSeconds: e.CONFAB_EDIT_WINDOW,
    maxDepth: e.CONFAB_MAX_DEPTH,
    maxLinks: e.CONFAB_MAX_LINKS,
    rateLimit: Object.freeze(e.CONFAB_RATE_LIMIT),
    /** Edits and deletes per client, counted together; empty when off. */
    editRateLimit: Object.freeze(e.CONFAB_EDIT_RATE_LIMIT),
    /** Edits one comment may have; 0 means no limit. */
    maxEditsPerComment: e.CONFAB_MAX_EDITS,
    /** Likes and unlikes per client, counted together; empty when off. */
    likeRateLimit: Object.freeze(e.CONFAB_LIKE_RATE_LIMIT),
    /** Threads close this many days after their article's publication; 0 never closes them by age. */
    closeAfterDays: e.CONFAB_CLOSE_AFTER_DAYS,
    /** The name staff replies are signed with. */
    siteName: e.CONFAB_SITE_NAME,
    /** Live-update streams this server holds at once; past it new ones get 503. */
    maxStreams: e.CONFAB_MAX_STREAMS ?? defaultMaxStreams(),
    /** Live-update streams one client (an IPv4 address or an IPv6 /64) may hold at once. */
    maxStreamsPerClient: e.CONFAB_MAX_STREAMS_PER_CLIENT,
    trustedProxies: Object.freeze(e.CONFAB_TRUSTED_PROXIES),
    pow: e.CONFAB_POW,
    /** The proof-of-work `maxnumber`: the solver's worst case in hashes, half of it on average. */
    powDifficulty: e.CONFAB_POW_DIFFICULTY,
    /** Challenges a client fetches per ten minutes before each further one doubles the work. */
    powFreeChallenges: e.CONFAB_POW_FREE_CHALLENGES,
    /** Posts sooner than this after their challenge was issued are held as spam; 0 turns the check off. */
    minSubmitSeconds: e.CONFAB_MIN_SUBMIT_SECONDS,
    /** Whether a filled-in honeypot field holds a post as spam. */
    honeypot: e.CONFAB_HONEYPOT,
    webhookUrl: e.CONFAB_WEBHOOK_URL,
    webhookSecret: e.CONFAB_WEBHOOK_SECRET,
    /** Null when mail is off: no subscriptions, alerts or verified commenters. */
    mail: e.CONFAB_SMTP_URL
      ? Object.freeze({
          smtpUrl: e.CONFAB_SMTP_URL,
          from: e.CONFAB_MAIL_FROM ?? 'Confab <confab@localhost>',
          publicUrl,
          perHour: e.CONFAB_MAIL_PER_HOUR,
          /** The wait before a failed email's first retry; each later one waits twice the one before. */
          retrySeconds: e.CONFAB_MAIL_RETRY_SECONDS,
          moderators: Object.freeze(e.CONFAB_MODERATOR_EMAILS.map((m) => m.toLowerCase())),
          notifyModerators: e.CONFAB_NOTIFY_MODERATORS,
          /** The default site's language, and other sites' unless they name one: moderators' alerts and the pages their links open. */
          lang: e.CONFAB_LANG,
        })
      : null,
    log: e.CONFAB_LOG,
  });
});

export type Config = z.output<typeof ConfigFromEnv>;
export type MailConfig = NonNullable<Config['mail']>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ConfigFromEnv.safeParse(cleaned);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  return { ok: true, config: parsed.data };
}

/** A complete config for tests and tools: defaults with every defence explicitly set by the caller. */
export function configFrom(overrides: Partial<Config> = {}): Config {
  const base = parseConfig({});
  if (!base.ok) throw new Error(base.errors.join('; '));
  const databaseUrl = overrides.databaseUrl ?? base.config.databaseUrl;
  const engine = engineOf(databaseUrl);
  if (!engine)
    throw new Error(`DATABASE_URL "${databaseUrl}" must start with file: or postgres://`);
  return Object.freeze({ ...base.config, ...overrides, engine });
}
