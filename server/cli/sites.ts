import type { z } from 'zod';
import { parseConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { createSiteAdmin, type SiteAdmin } from '../domain/site-admin.js';
import { createSites } from '../domain/sites.js';
import { type Site, SiteCreateSchema, SitePatchSchema } from '../schema/sites.js';
import { openStore } from '../store/open-store.js';
import type { Command } from './main.js';
import { UsageError } from './usage-error.js';

type Values = Record<string, string | boolean | undefined>;

/** Runs `work` on the sites of the server's own database (DATABASE_URL and the rest of its environment). */
async function withSites<T>(work: (sites: SiteAdmin) => Promise<T>): Promise<T> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok)
    throw new Error(
      `the configuration has errors:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  const store = await openStore(parsed.config);
  try {
    const sites = createSites({ store, config: parsed.config, now: Date.now });
    return await work(createSiteAdmin({ store, sites, now: Date.now }));
  } finally {
    await store.close();
  }
}

const listOf = (v: string | boolean | undefined) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;
const numberOf = (v: string | boolean | undefined) =>
  typeof v === 'string' ? Number(v) : undefined;

/** The options as the API's input, checked by the same schema. */
function input<S extends z.ZodType>(schema: S, values: Values, withId: boolean): z.output<S> {
  const settings = {
    ...(values.moderation !== undefined && { moderation: values.moderation }),
    ...(values['edit-window'] !== undefined && {
      editWindowSeconds: numberOf(values['edit-window']),
    }),
    ...(values['max-links'] !== undefined && { maxLinks: numberOf(values['max-links']) }),
    ...(values['webhook-url'] !== undefined && { webhookUrl: values['webhook-url'] }),
    ...(values['webhook-secret'] !== undefined && { webhookSecret: values['webhook-secret'] }),
    ...(values.moderators !== undefined && { moderatorEmails: listOf(values.moderators) }),
    ...(values['notify-moderators'] !== undefined && {
      notifyModerators: values['notify-moderators'],
    }),
    ...(values.lang !== undefined && { lang: values.lang }),
  };
  const raw = {
    ...(withId && { id: values.id }),
    ...(values.name !== undefined && { name: values.name }),
    ...(values.origins !== undefined && { origins: listOf(values.origins) }),
    ...(values.hosts !== undefined && { hosts: listOf(values.hosts) }),
    ...(Object.keys(settings).length > 0 && { settings }),
    ...(values['new-token'] === true && { newToken: true }),
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** One line a site; its webhook's secret is never shown, only that the URL has one. */
const describeSite = (s: Site) =>
  [
    s.id,
    s.name,
    `origins: ${s.origins.join(', ') || '(none)'}`,
    `hosts: ${s.hosts.join(', ')}`,
    ...(s.settings.webhookUrl ? [`webhook: ${s.settings.webhookUrl} (signed)`] : []),
    ...(s.settings.moderatorEmails?.length
      ? [`moderators: ${s.settings.moderatorEmails.join(', ')}`]
      : []),
    ...(s.fromEnvironment ? ['(from the environment)'] : []),
  ].join('\t');

function requireId(values: Values): string {
  if (typeof values.id !== 'string' || values.id === '') throw new UsageError('--id is required');
  return values.id;
}

export const sitesCommand: Command = {
  summary: "list, add, change or remove the sites of DATABASE_URL's server",
  usage:
    'confab sites list | add --id gazette --name "The Gazette" --origins https://gazette.example [--hosts a,b] [--moderation none|first-time|all] [--edit-window S] [--max-links N] [--webhook-url URL --webhook-secret S] [--moderators a@x,b@x] [--notify-moderators held|all] [--lang de] | set --id gazette [the same; settings given replace the old ones] [--new-token] | remove --id gazette',
  options: {
    id: { type: 'string' },
    name: { type: 'string' },
    origins: { type: 'string' },
    hosts: { type: 'string' },
    moderation: { type: 'string' },
    'edit-window': { type: 'string' },
    'max-links': { type: 'string' },
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
    moderators: { type: 'string' },
    'notify-moderators': { type: 'string' },
    lang: { type: 'string' },
    'new-token': { type: 'boolean' },
  },
  positionals: true,
  async run(values, io, positionals) {
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
    try {
      return await withSites(async (sites) => {
        switch (action) {
          case 'list':
            for (const s of await sites.list(null)) io.out(describeSite(s));
            return 0;
          case 'add': {
            const { site, token } = await sites.create(input(SiteCreateSchema, values, true));
            io.out(describeSite(site));
            io.out(`Its admin token (shown only now): ${token}`);
            return 0;
          }
          case 'set': {
            const id = requireId(values);
            const { site, token } = await sites.update(
              id,
              input(SitePatchSchema, values, false),
              null,
            );
            io.out(describeSite(site));
            if (token) io.out(`Its new admin token (shown only now): ${token}`);
            return 0;
          }
          case 'remove':
            await sites.remove(requireId(values));
            io.out('Removed; its threads and comments stay in the database.');
            return 0;
          default:
            throw new UsageError('say list, add, set or remove');
        }
      });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const fields = Object.entries(e.fields ?? {}).map(([k, v]) => `\n  - ${k}: ${v}`);
      io.err(`confab sites: ${e.message}${fields.join('')}`);
      return 1;
    }
  },
};
