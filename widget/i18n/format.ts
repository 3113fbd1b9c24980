import { type Catalogue, en, type Messages, type PluralKey, type TextKey } from './en.js';

type Params = Record<string, string | number>;

/** English added by the chunks that show it (en-later.ts): every format falls back to it. */
const later: Partial<Catalogue> = {};
export const addLater = (strings: Partial<Catalogue>) => void Object.assign(later, strings);

/**
 * A language's dates, counts and plural categories as CLDR writes them for the language itself, so that a
 * format needs no Intl for them: a page's first Intl format loads the browser's locale data, one task of
 * 60–220 ms at 4× CPU that nothing splits. Each catalogue brings its language's (English's comes with the
 * reader chunk, en-written.ts); a regional variant that CLDR writes otherwise (en-GB, de-AT) asks Intl.
 */
export interface Written {
  /** The tags written alike: the language and its own region ("de", "de-DE"). */
  tags: string[];
  /** The months as a date names them (Russian's genitive "мая"), space-separated. */
  months: string;
  /** {d} day, {M} month, {y} year, {H} and {HH} hour, {h} hour of twelve, {mm} minutes, {a} am or pm. */
  date: string;
  /** Between groups of three digits. */
  group: string;
  /** The fewest digits that are grouped (Spanish writes 1234 but 12.345). */
  groupFrom?: number;
  plural(count: number): Intl.LDMLPluralRule;
}

const written: Record<string, Written> = {};
export const addWritten = (w: Written) => {
  for (const tag of w.tags) written[tag] = w;
};

const fill = (text: string, params: Params = {}) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
const pad = (n: number) => String(n).padStart(2, '0');

function writtenDate(d: Date, w: Written) {
  const h = d.getHours();
  return fill(w.date, {
    d: d.getDate(),
    M: w.months.split(' ')[d.getMonth()]!,
    y: d.getFullYear(),
    H: h,
    HH: pad(h),
    h: h % 12 || 12,
    mm: pad(d.getMinutes()),
    a: h < 12 ? 'am' : 'pm',
  });
}

function writtenNumber(n: number, w: Written) {
  const digits = String(n);
  return digits.length < (w.groupFrom ?? 4) ? digits : digits.replace(/\B(?=(\d{3})+$)/g, w.group);
}

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
  const dateText = (d: Date) =>
    dates()
      .formatToParts(d)
      .map(({ type, value }) =>
        type === 'dayPeriod'
          ? value.toLowerCase()
          : type === 'literal'
            ? value.replace(/\u202f/g, ' ')
            : value,
      )
      .join('');
  // Looked up on each use: English's arrives with the reader chunk, after its format was made.
  const own = () => (locale ? written[locale] : undefined);

  return {
    /** The language it writes, as the server takes it for emails; undefined for the reader's own. */
    lang: locale,
    t: (key: TextKey, params?: Params) => fill((messages[key] ?? later[key])!, params),
    plural(key: PluralKey, count: number, params?: Params) {
      const m = (messages[key] ?? later[key])!;
      const w = own();
      known.plurals[count] ??= w ? w.plural(count) : plurals().select(count);
      known.numbers[count] ??= w ? writtenNumber(count, w) : numbers().format(count);
      const text = (count === 0 && m['=0']) || m[known.plurals[count]] || m.other;
      return fill(text, { ...params, count: known.numbers[count] });
    },
    /** "May 31, 2016 at 6:24 am": lower-case day period and a plain space, as WordPress prints it. */
    dateTime(date: Date | string) {
      const d = new Date(date);
      const key = typeof date === 'string' ? date : d.toISOString();
      const w = own();
      known.dates[key] ??= w ? writtenDate(d, w) : dateText(d);
      return known.dates[key];
    },
    /** Everything this format has answered so far, for a browser to hydrate a server's rendering with. */
    formatted: known,
    /** Whether its dates and counts need Intl: a language without Written data (see warmFormats). */
    needsIntl: () => !own(),
    /** Makes the date and number formats now (see warmFormats). */
    warm() {
      dates();
      numbers();
    },
  };
}

function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

export type Format = ReturnType<typeof createFormat>;
