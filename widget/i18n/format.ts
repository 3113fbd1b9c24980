import { en, type Catalogue, type PluralKey, type TextKey } from './en.js';

type Params = Record<string, string | number>;

/** Strings, plurals, numbers and dates for one locale; `undefined` means the reader's own locale. */
export function createFormat(locale?: string, messages: Catalogue = en) {
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  // `long` is WordPress's "F j, Y" in English and carries each locale's own date–time joiner ("at").
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  const fill = (text: string, params: Params = {}) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

  return {
    t: (key: TextKey, params?: Params) => fill(messages[key], params),
    plural(key: PluralKey, count: number, params?: Params) {
      const m = messages[key];
      const text = (count === 0 && m['=0']) || m[plurals.select(count)] || m.other;
      return fill(text, { ...params, count: numbers.format(count) });
    },
    /** "May 31, 2016 at 6:24 am": lower-case day period and a plain space, as WordPress prints it. */
    dateTime: (date: Date | string) =>
      dates
        .formatToParts(new Date(date))
        .map(({ type, value }) =>
          type === 'dayPeriod' ? value.toLowerCase() : type === 'literal' ? value.replace(/\u202f/g, ' ') : value,
        )
        .join(''),
  };
}

export type Format = ReturnType<typeof createFormat>;
