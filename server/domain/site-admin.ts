import type {
  SiteCreate,
  SitePatch,
  SiteResult,
  SiteSettings,
  Site as SiteView,
} from '../schema/sites.js';
import { DEFAULT_SITE_ID, type SiteRecord, type SiteStore } from '../store/store.js';
import { DomainError } from './errors.js';
import type { Site, Sites } from './sites.js';
import { hashToken, newToken } from './tokens.js';

export interface SiteAdminDeps {
  store: SiteStore;
  sites: Sites;
  now: () => number;
}

/** The webhook secret is written, never read back: whoever reads the site learns only that there is one. */
function toView(site: Site): SiteView {
  const { webhookSecret, ...settings } = site.record?.settings ?? {};
  return {
    id: site.id,
    name: site.name,
    origins: [...site.origins],
    hosts: [...site.hosts],
    hasToken: site.record?.tokenHash != null,
    settings: { ...settings, ...(webhookSecret !== undefined && { hasWebhookSecret: true }) },
    fromEnvironment: site.record === null,
  };
}

/**
 * The settings to store. A webhook URL needs a secret to sign with, as CONFAB_WEBHOOK_URL does; one given
 * without keeps the secret stored (an admin who cannot read it back must not lose it by sending the rest
 * again). A secret without a URL would sign nothing.
 */
function settingsToStore(given: SiteSettings, stored: SiteSettings | undefined): SiteSettings {
  const webhookSecret =
    given.webhookSecret ?? (given.webhookUrl ? stored?.webhookSecret : undefined);
  if (given.webhookUrl && !webhookSecret)
    throw new DomainError(
      'invalid_request',
      'A webhook URL needs a secret to sign deliveries with.',
      {
        'settings.webhookSecret': 'is required with settings.webhookUrl',
      },
    );
  if (webhookSecret && !given.webhookUrl)
    throw new DomainError('invalid_request', 'A webhook secret needs a webhook URL.', {
      'settings.webhookUrl': 'is required with settings.webhookSecret',
    });
  return {
    ...given,
    ...(webhookSecret !== undefined && { webhookSecret }),
    ...(given.moderatorEmails && {
      moderatorEmails: [...new Set(given.moderatorEmails.map((e) => e.toLowerCase()))],
    }),
  };
}

/** Whether `given` sets a webhook URL or secret other than the stored ones. */
const changesWebhook = (given: SiteSettings, stored: SiteSettings) =>
  (given.webhookUrl !== undefined && given.webhookUrl !== stored.webhookUrl) ||
  (given.webhookSecret !== undefined && given.webhookSecret !== stored.webhookSecret);

const hostsOfOrigins = (origins: readonly string[]) => [
  ...new Set(origins.map((o) => new URL(o).host)),
];

/**
 * Adding, changing and removing sites: the server admin's (CONFAB_ADMIN_TOKEN). A site's own token sees
 * its own site and changes its name and settings, never its hosts, origins or token, which would let it
 * reach another site's threads.
 */
export function createSiteAdmin(deps: SiteAdminDeps) {
  const { store, sites, now } = deps;

  /** One host belongs to one site, so a thread URL never has two. */
  async function refuseTakenHosts(id: string, hosts: readonly string[]) {
    const others = (await sites.all()).filter((s) => s.id !== id);
    const taken = hosts.filter((h) => h !== '*' && others.some((s) => s.hosts.includes(h)));
    if (taken.length > 0)
      throw new DomainError('invalid_request', 'Another site has these hosts already.', {
        hosts: `taken by another site: ${taken.join(', ')}`,
      });
  }

  async function requireSite(id: string, scope: string | null): Promise<Site> {
    const site = scope === null || scope === id ? await sites.byId(id) : undefined;
    if (!site) throw new DomainError('not_found', `There is no site "${id}".`);
    return site;
  }

  return {
    async list(scope: string | null): Promise<SiteView[]> {
      return (await sites.all()).filter((s) => scope === null || s.id === scope).map(toView);
    },

    async create(input: SiteCreate): Promise<SiteResult> {
      const hosts = input.hosts ?? hostsOfOrigins(input.origins);
      await refuseTakenHosts(input.id, hosts);
      const token = newToken();
      const record: SiteRecord = {
        id: input.id,
        name: input.name,
        origins: [...new Set(input.origins)],
        hosts: [...new Set(hosts)],
        tokenHash: hashToken(token),
        settings: settingsToStore(input.settings ?? {}, undefined),
        createdAt: now(),
      };
      if (input.id === DEFAULT_SITE_ID || !(await store.insertSite(record)))
        throw new DomainError('conflict', `There is a site "${input.id}" already.`, {
          id: 'is taken',
        });
      sites.invalidate();
      return { site: toView((await sites.byId(record.id))!), token };
    },

    async update(id: string, patch: SitePatch, scope: string | null): Promise<SiteResult> {
      const site = await requireSite(id, scope);
      if (site.record === null)
        throw new DomainError(
          'forbidden',
          'The default site is configured by the environment (CONFAB_ORIGINS, CONFAB_HOSTS, CONFAB_MODERATION, …).',
        );
      if (
        scope !== null &&
        (patch.origins !== undefined || patch.hosts !== undefined || patch.newToken)
      )
        throw new DomainError(
          'forbidden',
          "Only the server admin changes a site's origins, hosts and token.",
        );
      if (scope !== null && patch.settings && changesWebhook(patch.settings, site.record.settings))
        throw new DomainError(
          'forbidden',
          "Only the server admin sets a site's webhook: the server sends requests to it, and a site must not aim them at the server's own network.",
        );
      const hosts =
        patch.hosts ?? (patch.origins === undefined ? undefined : hostsOfOrigins(patch.origins));
      if (hosts) await refuseTakenHosts(id, hosts);
      const stored = site.record.settings;
      // A site's token sends its settings without the webhook it cannot see or set: the webhook stays.
      const given =
        patch.settings &&
        (scope === null
          ? patch.settings
          : {
              ...patch.settings,
              ...(stored.webhookUrl !== undefined && { webhookUrl: stored.webhookUrl }),
              ...(stored.webhookSecret !== undefined && { webhookSecret: stored.webhookSecret }),
            });
      const settings = given && settingsToStore(given, stored);
      const token = patch.newToken ? newToken() : undefined;
      await store.updateSite({
        id,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.origins !== undefined && { origins: [...new Set(patch.origins)] }),
        ...(hosts !== undefined && { hosts: [...new Set(hosts)] }),
        ...(settings !== undefined && { settings }),
        ...(token !== undefined && { tokenHash: hashToken(token) }),
      });
      sites.invalidate();
      const after = await requireSite(id, scope);
      return { site: toView(after), ...(token !== undefined && { token }) };
    },

    /** Its threads and comments stay in the database, for the server admin's export; its hosts are free. */
    async remove(id: string): Promise<void> {
      const site = await requireSite(id, null);
      if (site.record === null)
        throw new DomainError('forbidden', 'The default site cannot be removed.');
      await store.deleteSite({ id });
      sites.invalidate();
    },
  };
}

export type SiteAdmin = ReturnType<typeof createSiteAdmin>;
