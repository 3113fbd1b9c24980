import { normaliseText } from './text-match.js';
import { keyedHash } from './tokens.js';

export interface Saying {
  /** Lower-cased. */
  email: string;
  /** The comment replied to, as asked (before deep replies are moved up a level). */
  parentId: number | null;
  body: string;
}

/**
 * The fingerprint of who says what where: unique per thread in the store, so a double submit or a flood of
 * one message stores exactly once. The parent is part of it, as in WordPress, so "Thanks!" may answer two
 * different people. The text is compared as readers would see it (normaliseText, any run of space as
 * one). Keyed, so the stored value cannot be used to confirm a guessed email.
 */
export function bodyHash(secret: string, s: Saying): string {
  // Spacing, invisible characters and Unicode forms do not make a message new.
  const words = normaliseText(s.body).replace(/\s+/g, ' ').trim();
  return keyedHash(secret, 'dedupe', `${s.email}\n${s.parentId ?? ''}\n${words}`);
}
