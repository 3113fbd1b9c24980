import { decodeHTML } from 'entities';
import { z } from 'zod';
import { LIMITS } from '../schema/limits.js';
import { httpUrl } from '../schema/thread-url.js';

/** What WordPress and Disqus files hold for an author, made into what Confab keeps. */

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);
const emailSchema = z.email();
/** Imported bodies may be longer than readers' posts (schema/export.ts), up to this. */
const BODY_MAX = 100_000;

/** Exports write names HTML-escaped ("O&#039;Brien", "Tom &amp; Jerry"): decoded, as readers saw them. */
export function authorName(raw: string): string {
  return clip(decodeHTML(raw).trim(), LIMITS.nameMax) || 'Anonymous';
}

/** Lower-cased when it is an address; empty otherwise (erasure and exports handle empty emails). */
export function authorEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  return email.length <= LIMITS.emailMax && emailSchema.safeParse(email).success ? email : '';
}

export function authorWebsite(raw: string): string | null {
  const s = raw.trim();
  if (!s || s.length > LIMITS.websiteMax) return null;
  return httpUrl(s) ? s : null;
}

/** A comment's HTML as Markdown, both bounded: a hostile file cannot make one comment cost without end. */
export function bodyFrom(html: string, toMarkdown: (html: string) => string): string {
  return clip(toMarkdown(clip(html, 2 * BODY_MAX)), BODY_MAX);
}
