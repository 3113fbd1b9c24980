import { decodeHTML } from 'entities';

// Characters that render as nothing (zero-width space, soft hyphen, joiners, bidi marks, …).
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Text as compared by the word lists and duplicate detection: entities decoded, invisible characters
 * removed, NFKC (full-width and compatibility look-alikes, composed accents), lower case. So `c&#97;sino`,
 * `cas\u00ADino`, `ｃａｓｉｎｏ` and `CASINO` are all `casino`.
 */
export function normaliseText(text: string): string {
  return decodeHTML(text).replace(INVISIBLE, '').normalize('NFKC').toLowerCase();
}

/** What a reader sees of rendered comment HTML: the text without its tags (`ca<b>s</b>ino` is `casino`). */
export function renderedText(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, ''));
}
