import { describe, expect, it } from 'vitest';
import { written as de } from '../../widget/i18n/de.js';
import { enWritten } from '../../widget/i18n/en-written.js';
import { written as es } from '../../widget/i18n/es.js';
import { addWritten, createFormat } from '../../widget/i18n/format.js';
import { written as fr } from '../../widget/i18n/fr.js';
import { written as kk } from '../../widget/i18n/kk.js';
import { written as ru } from '../../widget/i18n/ru.js';
import { counts, dates } from '../support/format-samples.js';

/** Intl's long date and short time, with the day period in lower case and plain spaces, as WordPress writes it. */
const intlDate = (tag: string, d: Date) =>
  new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' })
    .formatToParts(d)
    .map((p) => (p.type === 'dayPeriod' ? p.value.toLowerCase() : p.value.replace(/\u202f/g, ' ')))
    .join('');

/**
 * The widget writes its six languages' dates, counts and plurals from its own data, without Intl. Node's
 * Intl carries all of CLDR, which the data must match; browsers' may be older or partial (WebKitGTK writes
 * Spanish "1 de mayo de 2026, 0:00", Chromium has no Kazakh calendar), so the browsers' tests check that no
 * Intl format is made instead.
 */
describe('written formats', () => {
  for (const w of [enWritten, de, es, fr, ru, kk])
    it(`writes ${w.tags[0]} as CLDR does, for every tag it claims`, () => {
      addWritten(w);
      for (const tag of w.tags) {
        const fmt = createFormat(tag);
        expect(fmt.needsIntl(), tag).toBe(false);
        expect(
          dates.map((d) => fmt.dateTime(d)),
          tag,
        ).toEqual(dates.map((d) => intlDate(tag, d)));
        for (const n of counts) fmt.plural('headingUntitled', n);
        expect(
          counts.map((n) => fmt.formatted.numbers[n]),
          tag,
        ).toEqual(counts.map((n) => new Intl.NumberFormat(tag).format(n)));
        expect(
          counts.map((n) => fmt.formatted.plurals[n]),
          tag,
        ).toEqual(counts.map((n) => new Intl.PluralRules(tag).select(n)));
      }
    });
});
