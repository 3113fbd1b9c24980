import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a link in an email may do; each link does exactly one of these. */
export const LinkActionSchema = z.enum([
  'confirm',
  'verify',
  'unsubscribe',
  'approve',
  'spam',
  'delete',
]);
export type LinkAction = z.infer<typeof LinkActionSchema>;

/** What a link carries, signed: nothing in it can be changed without breaking the signature. */
const LinkClaimsSchema = z.object({
  /** The action. */
  a: LinkActionSchema,
  /** The address the email went to. */
  e: z.string(),
  /** The comment it is about (moderation, confirmation). */
  c: z.number().int().optional(),
  /** The subscription an unsubscribe link ends. */
  s: z.number().int().optional(),
  /** The page to go back to after confirming. */
  u: z.string().optional(),
  /** The reader's language, for the page the link opens. */
  l: z.string(),
  /** Expiry in epoch ms; absent for links that never expire (unsubscribe). */
  x: z.number().int().optional(),
});
export type LinkClaims = z.infer<typeof LinkClaimsSchema>;

const DAY_MS = 24 * 3600_000;
/** Confirmation and moderation links work for a week; unsubscribe links work for ever (RFC 8058). */
export const LINK_LIFETIME_MS = 7 * DAY_MS;

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`mail-link\0${payload}`).digest('base64url');
}

export function signLink(secret: string, claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
}

/** The claims of a link signed by this server and not expired; null for anything else. */
export function readLink(secret: string, token: string, now: number): LinkClaims | null {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = Buffer.from(signature(secret, payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = LinkClaimsSchema.safeParse(json);
  if (!parsed.success) return null;
  if (parsed.data.x !== undefined && now > parsed.data.x) return null;
  return parsed.data;
}

/** Where a link points: GET shows a page with one button, POST (the button, or RFC 8058's one click) acts. */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/mail/${token}`;
}
