import { LIMITS } from '../../server/schema/limits.js';
import { defaultServer, getCounts } from '../api/client.js';
import { pageUrl } from '../thread/page-url.js';
import type { ConfabCount } from './count.js';

/** Counts asked for since the last request went out: server → thread url → elements showing it. */
const asked = new Map<string, Map<string, Set<ConfabCount>>>();

/**
 * Gives a `<confab-count>` its number. Every element that asks within the same task (all those on a
 * page as it loads) shares one request per server, of up to LIMITS.countsMaxUrls addresses.
 */
export function countInto(el: ConfabCount) {
  const server = el.server || defaultServer;
  const url = pageUrl(el.page);
  let byUrl = asked.get(server);
  if (!byUrl) {
    byUrl = new Map();
    asked.set(server, byUrl);
    setTimeout(() => send(server));
  }
  let els = byUrl.get(url);
  if (!els) {
    els = new Set();
    byUrl.set(url, els);
  }
  els.add(el);
}

async function send(server: string) {
  const byUrl = asked.get(server)!;
  asked.delete(server);
  const urls = [...byUrl.keys()];
  for (let i = 0; i < urls.length; i += LIMITS.countsMaxUrls) {
    const part = urls.slice(i, i + LIMITS.countsMaxUrls);
    // A failed count shows nothing: a listing page is better without it than with an error on every line.
    const { counts } = await getCounts(server, part).catch(() => ({
      counts: {} as Record<string, number>,
    }));
    for (const url of part) {
      for (const el of byUrl.get(url)!) {
        // Unless its page changed meanwhile: then a newer request answers for it.
        if (url in counts && pageUrl(el.page) === url && (el.server || defaultServer) === server)
          el.count = counts[url];
      }
    }
  }
}
