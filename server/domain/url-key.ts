/** Query parameters that only track the visitor and never change the page. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|yclid|igshid|mc_cid|mc_eid)$/i;

/**
 * The key a thread is stored under, so that one article keeps one thread however readers reach it:
 * lower-case scheme and host, no default port, no credentials, no fragment, no tracking parameters,
 * the remaining query parameters sorted by name (stable, so repeated names keep their order).
 * Returns null for anything that is not an absolute http(s) address.
 */
export function threadKey(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  const kept = [...u.searchParams].filter(([k]) => !TRACKING.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = new URLSearchParams(kept).toString();
  return u.toString();
}
