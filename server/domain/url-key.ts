import { httpUrl } from '../schema/thread-url.js';

/** Query parameters that only track the visitor and never change the page. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|yclid|igshid|mc_cid|mc_eid)$/i;

/** RFC 3986 unreserved characters: percent-encoding one of them never changes what an address means. */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * RFC 3986 §6.2.2.1–2: `%xx` in upper case, and decoded when it stands for an unreserved character.
 * Everything else stays as sent: `%2F` is not `/`, and `+` is not a space, to every server.
 */
function normalisePercents(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const c = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

function decodedName(param: string): string {
  const name = param.split('=', 1)[0]!;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The key a thread is stored under, so that one article keeps one thread however readers reach it:
 * lower-case scheme and host (an internationalised host in its ASCII form), no default port, no
 * credentials, no fragment; percent-encoding normalised as RFC 3986 §6.2.2 says, so an IRI and its
 * percent-encoded form are one key; no trailing slash on the path but the root's (publishers' canonical
 * links disagree about it, so `/a` and `/a/` are one thread); no tracking parameters, the remaining
 * query parameters sorted by name (stable, so repeated names keep their order). Normalising a key again
 * gives the same key. Returns null for anything that is not an absolute http(s) address.
 */
export function threadKey(raw: string): string | null {
  const u = httpUrl(raw.trim());
  if (!u) return null;
  // The URL parser has already encoded every non-ASCII character as UTF-8 percent-escapes.
  const path = normalisePercents(u.pathname).replace(/(.)\/+$/, '$1');
  const params = normalisePercents(u.search.slice(1))
    .split('&')
    .filter((p) => p !== '' && !TRACKING.test(decodedName(p)));
  const named = params.map((p) => [decodedName(p), p] as const);
  named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = named.length > 0 ? `?${named.map(([, p]) => p).join('&')}` : '';
  return `${u.protocol}//${u.host}${path}${query}`;
}
