import type { Config, ModerationMode } from '../config.js';
import { DEFAULT_SITE_ID, type SiteRecord, type SiteStore } from '../store/store.js';
import { DomainError } from './errors.js';
import { tokenMatches } from './tokens.js';

/** What the comment rules read of a site: its own settings over the environment's. */
export interface SiteRules {
  /** Whose word lists judge the words. */
  siteId: string;
  moderation: ModerationMode;
  editWindowSeconds: number;
  maxLinks: number;
}

/** Where a site's webhook deliveries go, and the secret that signs them. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/**
 * Who hears of a site's comments. `default`'s are the environment's (CONFAB_WEBHOOK_URL,
 * CONFAB_MODERATOR_EMAILS); another site has only its own, so its comments never reach the default site's
 * receiver or moderators.
 */
export interface SiteAlerts {
  /** Null: the site's events go nowhere. */
  webhook: WebhookTarget | null;
  moderators: readonly string[];
  notifyModerators: 'held' | 'all';
  /** The language of its moderators' alerts and the pages their links open. */
  lang: string;
}

/** A site as the server runs it: `default` from the environment, the others from the database. */
export interface Site {
  id: string;
  name: string;
  origins: readonly string[];
  hosts: readonly string[];
  rules: SiteRules;
  alerts: SiteAlerts;
  /** Null for `default`, whose admin is the server admin (CONFAB_ADMIN_TOKEN). */
  record: SiteRecord | null;
}

export interface SitesDeps {
  store: SiteStore;
  config: Config;
  now: () => number;
  /**
   * How long the list read from the database is trusted: a change made here is seen at once, one made by
   * another instance sharing the database within this time.
   */
  ttlMs?: number;
}

const ANY = '*';
/** Local pages: development, and this server's own demo when it runs on this machine. */
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

function rulesOf(config: Config, record: SiteRecord | null): SiteRules {
  const own = record?.settings ?? {};
  return {
    siteId: record?.id ?? DEFAULT_SITE_ID,
    moderation: own.moderation ?? config.moderation,
    editWindowSeconds: own.editWindowSeconds ?? config.editWindowSeconds,
    maxLinks: own.maxLinks ?? config.maxLinks,
  };
}

/** What a site that is gone alerts: nobody. */
const NOBODY: SiteAlerts = { webhook: null, moderators: [], notifyModerators: 'held', lang: 'en' };

function alertsOf(config: Config, record: SiteRecord | null): SiteAlerts {
  const notifyModerators = config.mail?.notifyModerators ?? 'held';
  const lang = config.mail?.lang ?? 'en';
  if (record === null)
    return {
      webhook:
        config.webhookUrl && config.webhookSecret
          ? { url: config.webhookUrl, secret: config.webhookSecret }
          : null,
      moderators: config.mail?.moderators ?? [],
      notifyModerators,
      lang,
    };
  const own = record.settings;
  return {
    webhook:
      own.webhookUrl && own.webhookSecret
        ? { url: own.webhookUrl, secret: own.webhookSecret }
        : null,
    moderators: own.moderatorEmails ?? [],
    notifyModerators: own.notifyModerators ?? notifyModerators,
    lang: own.lang ?? lang,
  };
}

/** The host a thread key belongs to, as sites list hosts (`URL.host`). */
function hostOf(threadKey: string): string {
  return new URL(threadKey).host;
}

/**
 * The sites this server hosts, and which one a request belongs to: the one listing its thread URL's
 * host, else one taking any host (`*`). Few sites, read whole and kept for a few seconds.
 */
export function createSites(deps: SitesDeps) {
  const { store, config, now } = deps;
  const ttlMs = deps.ttlMs ?? 5_000;
  const defaultSite: Site = {
    id: DEFAULT_SITE_ID,
    name: config.siteName,
    origins: config.origins,
    hosts: config.hosts,
    rules: rulesOf(config, null),
    alerts: alertsOf(config, null),
    record: null,
  };
  let cached: { sites: Site[]; until: number } | null = null;
  // As the default site's origins always include this server's own and localhost, so do its hosts.
  const ownHost = new URL(config.publicUrl).host;

  const fromRecord = (r: SiteRecord): Site => ({
    id: r.id,
    name: r.name,
    origins: r.origins,
    hosts: r.hosts,
    rules: rulesOf(config, r),
    alerts: alertsOf(config, r),
    record: r,
  });

  /** Every site, `default` first. */
  async function all(): Promise<Site[]> {
    if (cached && now() < cached.until) return cached.sites;
    const sites = [defaultSite, ...(await store.listSites()).map(fromRecord)];
    cached = { sites, until: now() + ttlMs };
    return sites;
  }

  /** The site a thread URL's host belongs to; a named host wins over `*`. */
  function siteOfHost(sites: readonly Site[], host: string): Site | undefined {
    return (
      sites.find((s) => s.hosts.includes(host)) ??
      sites.find((s) => s.hosts.includes(ANY)) ??
      (host === ownHost || LOOPBACK.test(host) ? defaultSite : undefined)
    );
  }

  return {
    all,

    async byId(id: string): Promise<Site | undefined> {
      return (await all()).find((s) => s.id === id);
    },

    /** The site whose own admin token this is; `default` has none (its admin is the server's). */
    async byToken(token: string): Promise<Site | undefined> {
      return (await all()).find((s) => tokenMatches(token, s.record?.tokenHash ?? null));
    },

    /** Whether any site takes pages on this origin: the browser gate before the site is known. */
    async servesOrigin(origin: string): Promise<boolean> {
      const o = origin.toLowerCase();
      return (await all()).some((s) => s.origins.includes(ANY) || s.origins.includes(o));
    },

    /**
     * The site of a thread key, or 400 `unknown_site`. `origin` is the page's, when a browser sent the
     * request from a page that is not this server's own or a local one (middleware/cors.ts): it must be
     * one of the site's origins.
     */
    async forThread(threadKey: string, origin: string | null, field = 'url'): Promise<Site> {
      const host = hostOf(threadKey);
      const site = siteOfHost(await all(), host);
      if (!site)
        throw new DomainError(
          'unknown_site',
          `No site on this server takes comments for ${host}.`,
          {
            [field]: `the host ${host} belongs to no site`,
          },
        );
      if (origin !== null && !site.origins.includes(ANY) && !site.origins.includes(origin))
        throw new DomainError(
          'origin_not_allowed',
          `Pages on ${origin} may not use the comments of ${host}: that is the site "${site.id}", whose origins do not include it.`,
        );
      return site;
    },

    /** The site a stored thread belongs to; `default`'s rules for one whose site was removed. */
    async forSiteId(id: string): Promise<Site> {
      return (await all()).find((s) => s.id === id) ?? defaultSite;
    },

    /**
     * Who hears of the comments of the site `id`: nobody for a site that was removed, whose threads stay
     * behind for the server admin (the default site's receiver and moderators are not theirs).
     */
    async alerts(id: string): Promise<SiteAlerts> {
      return (await all()).find((s) => s.id === id)?.alerts ?? NOBODY;
    },

    /** Forget the list, so the next request sees a change made here at once. */
    invalidate(): void {
      cached = null;
    },
  };
}

export type Sites = ReturnType<typeof createSites>;
