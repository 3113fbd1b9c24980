import { type Catalogue, en, type Messages, type PluralKey, type TextKey } from './en.js';

type Params = Record<string, string | number>;

/** English added by the chunks that show it (en-later.ts): every format falls back to it. */
const later: Partial<Catalogue> = {};
export const addLater = (strings: Partial<Catalogue>) => void Object.assign(later, strings);

/** Rewrites a date where the browser's Intl lacks a language's calendar (see kk.ts). */
export type DateFix = (date: Date, viaIntl: string) => string;

/**
 * What a format's Intl calls answered, by what they were asked: a server's rendering hands its own to the
 * browser with the thread (see `formatted`), whose hydration then formats nothing itself.
 */
export interface Formatted {
  dates: Record<string, string>;
  plurals: Record<number, Intl.LDMLPluralRule>;
  numbers: Record<number, string>;
}

/**
 * Strings, plurals, numbers and dates for one locale; `undefined` means the reader's own locale. `known`
 * answers what it holds without Intl, and keeps what Intl answers.
 */
export function createFormat(
  locale?: string,
  messages: Messages = en,
  fixDate?: DateFix,
  known: Formatted = { dates: {}, plurals: {}, numbers: {} },
) {
  // Made on first use: a page's first number or date format loads the browser's locale data, a task of
  // tens of milliseconds on a phone, which a thread that is never shown should not cost (see `warm`).
  const plurals = once(() => new Intl.PluralRules(locale));
  const numbers = once(() => new Intl.NumberFormat(locale));
  // `long` is WordPress's "F j, Y" in English and carries each locale's own date–time joiner ("at").
  const dates = once(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }),
  );
  const dateText = (d: Date) => {
    const text = dates()
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
  };
  const fill = (text: string, params: Params = {}) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

  return {
    /** The language it writes, as the server takes it for emails; undefined for the reader's own. */
    lang: locale,
    t: (key: TextKey, params?: Params) => fill((messages[key] ?? later[key])!, params),
    plural(key: PluralKey, count: number, params?: Params) {
      const m = (messages[key] ?? later[key])!;
      known.plurals[count] ??= plurals().select(count);
      known.numbers[count] ??= numbers().format(count);
      const text = (count === 0 && m['=0']) || m[known.plurals[count]] || m.other;
      return fill(text, { ...params, count: known.numbers[count] });
    },
    /** "May 31, 2016 at 6:24 am": lower-case day period and a plain space, as WordPress prints it. */
    dateTime(date: Date | string) {
      const d = new Date(date);
      const key = typeof date === 'string' ? date : d.toISOString();
      known.dates[key] ??= dateText(d);
      return known.dates[key];
    },
    /** Everything this format has answered so far, for a browser to hydrate a server's rendering with. */
    formatted: known,
    /** Makes the date and number formats now (see warmFormats). */
    warm() {
      dates();
      numbers();
    },
  };
}

/**
 * Makes `fmt`'s date and number formats in tasks of their own, for a thread to call while its comments are
 * on their way; resolves once they are made. A page's first such format loads the browser's locale data:
 * 60–100 ms at 4× CPU in one task, a long task whenever it comes. Asking first for the locale's likely
 * subtags, then for the calendars Intl knows, then for the locales a Segmenter supports, loads that data a
 * part at a time (measured in a fresh Chromium at 4× CPU: each step under 40 ms, most under 30), and the
 * formats themselves then take a few milliseconds.
 */
export function warmFormats(fmt: Format): Promise<void> {
  const steps = [
    () => new Intl.Locale(fmt.lang ?? 'en').maximize(),
    () => Intl.supportedValuesOf('calendar'),
    () => Intl.Segmenter.supportedLocalesOf(fmt.lang ?? 'en'),
    () => fmt.warm(),
  ];
  return new Promise((resolve) => {
    const next = () => {
      steps.shift()!();
      setTimeout(steps.length ? next : resolve);
    };
    setTimeout(next);
  });
}

function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

export type Format = ReturnType<typeof createFormat>;
