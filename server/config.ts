import { z } from 'zod';

const ModerationSchema = z.enum(['none', 'first-time', 'all']);
export type ModerationMode = z.infer<typeof ModerationSchema>;

/** `"5/min,30/hour"`-style posting limit; `off` disables it. */
export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, min: 60, m: 60, hour: 3600, h: 3600, day: 86400, d: 86400 };

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

const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('file:./data/confab.db')
    .refine((s) => s.startsWith('file:') || /^postgres(ql)?:\/\//.test(s), 'must start with file: or postgres://'),
  CONFAB_ORIGINS: list.optional(),
  CONFAB_PUBLIC_URL: z.url().optional(),
  CONFAB_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  CONFAB_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  CONFAB_MODERATION: ModerationSchema.default('none'),
  CONFAB_EDIT_WINDOW: z.coerce.number().int().min(0).default(900),
  CONFAB_MAX_DEPTH: z.coerce.number().int().min(2).max(20).default(5),
  CONFAB_MAX_LINKS: z.coerce.number().int().min(0).default(2),
  CONFAB_RATE_LIMIT: z.string().default('5/min,30/hour').transform(parseRateLimit),
  CONFAB_TRUSTED_PROXIES: list.default([]),
  CONFAB_POW: onOff.default(true),
  CONFAB_WEBHOOK_URL: z.url().optional(),
  CONFAB_WEBHOOK_SECRET: z.string().optional(),
  CONFAB_LOG: z.enum(['on', 'off']).default('on').transform((v) => v === 'on'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Extra origins allowed to embed and post; the server's own origin and localhost are always allowed. */
  origins: readonly string[];
  publicUrl: string | undefined;
  secret: string | undefined;
  adminToken: string | undefined;
  moderation: ModerationMode;
  editWindowSeconds: number;
  maxDepth: number;
  maxLinks: number;
  rateLimit: readonly RateLimitRule[];
  trustedProxies: readonly string[];
  pow: boolean;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  log: boolean;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: Object.freeze({
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL,
      origins: Object.freeze(e.CONFAB_ORIGINS ?? []),
      publicUrl: e.CONFAB_PUBLIC_URL,
      secret: e.CONFAB_SECRET,
      adminToken: e.CONFAB_ADMIN_TOKEN,
      moderation: e.CONFAB_MODERATION,
      editWindowSeconds: e.CONFAB_EDIT_WINDOW,
      maxDepth: e.CONFAB_MAX_DEPTH,
      maxLinks: e.CONFAB_MAX_LINKS,
      rateLimit: Object.freeze(e.CONFAB_RATE_LIMIT),
      trustedProxies: Object.freeze(e.CONFAB_TRUSTED_PROXIES),
      pow: e.CONFAB_POW,
      webhookUrl: e.CONFAB_WEBHOOK_URL,
      webhookSecret: e.CONFAB_WEBHOOK_SECRET,
      log: e.CONFAB_LOG,
    }),
  };
}

/** A complete config for tests and tools: defaults with every defence explicitly set by the caller. */
export function configFrom(overrides: Partial<Config> = {}): Config {
  const base = parseConfig({});
  if (!base.ok) throw new Error(base.errors.join('; '));
  return Object.freeze({ ...base.config, ...overrides });
}
