import de from './de.js';
import en, { type MailCatalogue } from './en.js';
import es from './es.js';
import fr from './fr.js';
import kk from './kk.js';
import ru from './ru.js';

const CATALOGUES: Record<string, MailCatalogue> = { en, de, es, fr, ru, kk };
export const MAIL_LANGS = Object.keys(CATALOGUES);

/** `de-AT` → `de`; a language without a catalogue → `en`. */
export function mailLang(tag: string | null | undefined): string {
  const base = (tag ?? '').toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(CATALOGUES, base) ? base : 'en';
}

export function catalogue(lang: string): MailCatalogue {
  return CATALOGUES[mailLang(lang)]!;
}

/** Fills `{name}` placeholders. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

export type { MailCatalogue };
