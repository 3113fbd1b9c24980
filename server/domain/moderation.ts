import type { ModerationMode } from '../config.js';
import type { CommentStatus } from '../schema/index.js';
import { normaliseText } from './text-match.js';

/** What the site's word lists say about a comment: nothing, hold it for a human, or send it to spam. */
export type WordVerdict = 'none' | 'hold' | 'block';

export interface StatusInput {
  mode: ModerationMode;
  maxLinks: number;
  links: number;
  /** Whether this email already has an approved comment (WordPress's "comment author must have a previously approved comment"). */
  knownAuthor: boolean;
  words?: WordVerdict;
}

/** The status a new comment starts in: held for a human whenever the site's rules say so. */
export function initialStatus(s: StatusInput): CommentStatus {
  if (s.words === 'block') return 'spam';
  if (s.words === 'hold') return 'pending';
  if (s.links > s.maxLinks) return 'pending';
  if (s.mode === 'all') return 'pending';
  if (s.mode === 'first-time' && !s.knownAuthor) return 'pending';
  return 'approved';
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A test for any of `words` appearing as a whole word or phrase, case-insensitively, in any script.
 * Entries and text are normalised alike (normaliseText: entities, invisible characters, NFKC, case) so
 * look-alikes and hidden characters are caught too. An entry's edge that is punctuation (".ru", "$$$")
 * needs no boundary, so such entries also match inside words.
 */
export function createWordMatcher(words: readonly string[]): (text: string) => boolean {
  const entries = [...new Set(words.map((w) => normaliseText(w).trim()).filter(Boolean))];
  if (entries.length === 0) return () => false;
  // Longest first, so a phrase wins over a word it starts with.
  entries.sort((a, b) => b.length - a.length);
  const alternatives = entries.map((w) => {
    const body = escapeRegExp(w).replace(/\s+/g, '\\s+');
    const before = WORD_CHAR.test(w[0]!) ? '(?<![\\p{L}\\p{N}\\p{M}_])' : '';
    const after = WORD_CHAR.test(w[w.length - 1]!) ? '(?![\\p{L}\\p{N}\\p{M}_])' : '';
    return `${before}${body}${after}`;
  });
  const re = new RegExp(alternatives.join('|'), 'iu');
  return (text) => re.test(normaliseText(text));
}

export interface WordMatchers {
  hold: (text: string) => boolean;
  block: (text: string) => boolean;
}

/** Like WordPress's disallowed_keys and moderation_keys: the body, name, email and website are all looked at. */
export function judgeWords(
  m: WordMatchers,
  fields: readonly (string | null | undefined)[],
): WordVerdict {
  const text = fields.filter((f): f is string => !!f).join('\n');
  if (m.block(text)) return 'block';
  if (m.hold(text)) return 'hold';
  return 'none';
}

/** Why `initialStatus` holds a comment, for the moderator's alert, which words it in the site's language. */
export type HeldReason =
  | { why: 'words' | 'all' | 'first-time' }
  | { why: 'links'; links: number; max: number };

/** Null when `initialStatus` does not hold the comment. */
export function heldBecause(s: StatusInput): HeldReason | null {
  if (s.words === 'hold') return { why: 'words' };
  if (s.links > s.maxLinks) return { why: 'links', links: s.links, max: s.maxLinks };
  if (s.mode === 'all') return { why: 'all' };
  if (s.mode === 'first-time' && !s.knownAuthor) return { why: 'first-time' };
  return null;
}
