import { type Catalogue, en, type Messages, type PluralKey, type TextKey } from './en.js';

type Params = Record<string, string | number>;

/** English added by the chunks that show it (en-later.ts): every format falls back to it. */
const later: Partial<Catalogue> = {};
export const addLater = (strings: Partial<Catalogue>) => void Object.assign(later, strings);

/** Rewrites a date where the browser's Intl lacks a language's calendar (see kk.ts). */
export type DateFix = (date: Date, viaIntl: string) => string;

/** Strings, plurals, numbers and dates for one locale; `undefined` means the reader's own locale. */
export function createFormat(locale?: string, messages: Messages = en, fixDate?: DateFix) {
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  // `long` is WordPress's "F j, Y" in English and carries each locale's own date–time joiner ("at").
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  const fill = (text: string, params: Params = {}) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

  return {
    /** The language it writes, as the server takes it for emails; undefined for the reader's own. */
    lang: locale,
    t: (key: TextKey, params?: Params) => fill((messages[key] ?? later[key])!, params),
    plural(key: PluralKey, count: number, params?: Params) {
      const m = (messages[key] ?? later[key])!;
      const text = (count === 0 && m['=0']) || m[plurals.select(count)] || m.other;
      return fill(text, { ...params, count: numbers.format(count) });
    },
    /** "May 31, 2016 at 6:24 am": lower-case day period and a plain space, as WordPress prints it. */
    dateTime(date: Date | string) {
      const d = new Date(date);
      const text = dates
        .formatToParts(d)
        .map(({ type, value }) =>
          type === 'dayPeriod'
            ? value.toLowerCase()
            : type === 'literal'
              ? value.replace(/\u202f/g, ' ')
              : value,
        )
        .join('');
      return fixDate ? fixDate(d, text) : text;
    },
  };
}

export type Format = ReturnType<typeof createFormat>;
