import { expect } from '@open-wc/testing';
import { written as de } from '../../widget/i18n/de.js';
import { en } from '../../widget/i18n/en.js';
import { enLater } from '../../widget/i18n/en-later.js';
import { enWritten } from '../../widget/i18n/en-written.js';
import { written as es } from '../../widget/i18n/es.js';
import { addWritten, createFormat, type Written } from '../../widget/i18n/format.js';
import { written as fr } from '../../widget/i18n/fr.js';
import { written as kk } from '../../widget/i18n/kk.js';
import { written as ru } from '../../widget/i18n/ru.js';
import { counts, dates } from '../support/format-samples.js';
import { watchIntl } from './watch-intl.js';

const languages: Written[] = [enWritten, de, es, fr, ru, kk];

describe('createFormat', () => {
  it('writes a time as WordPress does: "May 31, 2016 at 6:24 am"', () => {
    expect(createFormat('en-US').dateTime('2016-05-31T06:24:00.000Z')).to.equal(
      'May 31, 2016 at 6:24 am',
    );
  });

  it('writes the month in full and the afternoon as pm', () => {
    expect(createFormat('en-US').dateTime(new Date(Date.UTC(2016, 8, 3, 23, 5)))).to.equal(
      'September 3, 2016 at 11:05 pm',
    );
  });

  it('follows the locale for order, clock and joiner', () => {
    expect(createFormat('en-GB').dateTime('2016-05-31T06:24:00.000Z')).to.equal(
      '31 May 2016 at 06:24',
    );
  });

  it('formats in the reader’s time zone', () => {
    // The runner pins the browser to UTC; a reader elsewhere sees their own wall-clock time.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('UTC');
    expect(createFormat('en-US').dateTime('2016-05-31T23:59:00.000Z')).to.equal(
      'May 31, 2016 at 11:59 pm',
    );
  });

  it('picks the heading by plural rules, with an exact form for none', () => {
    // The thread's heading comes with the reader chunk's English.
    const fmt = createFormat('en-US', { ...en, ...enLater });
    const heading = (n: number) => fmt.plural('heading', n, { title: 'Title' });
    expect(heading(0)).to.equal('No thoughts yet on “Title”');
    expect(heading(1)).to.equal('One thought on “Title”');
    expect(heading(2)).to.equal('2 thoughts on “Title”');
    expect(heading(1234)).to.equal('1,234 thoughts on “Title”');
  });

  it('makes no date or number format until one is needed: a thread that never loads costs none', () => {
    // A regional variant: its formats are Intl's (see the next tests for the languages themselves).
    const intl = watchIntl();
    try {
      const fmt = createFormat('en-GB');
      expect(fmt.t('loading')).to.equal('Loading comments…');
      expect(intl.made).to.deep.equal([]);
      fmt.warm();
      expect(intl.made).to.deep.equal(['DateTimeFormat', 'NumberFormat']);
      fmt.dateTime('2016-05-31T06:24:00.000Z');
      fmt.plural('headingUntitled', 2);
      expect(intl.made).to.deep.equal(['DateTimeFormat', 'NumberFormat', 'PluralRules']);
    } finally {
      intl.restore();
    }
  });

  it('asks Intl for nothing in a catalogue language or its own region', () => {
    for (const w of languages) addWritten(w);
    const intl = watchIntl();
    try {
      for (const tag of languages.flatMap((w) => w.tags)) {
        const fmt = createFormat(tag);
        for (const d of dates) fmt.dateTime(d);
        for (const n of counts) fmt.plural('headingUntitled', n);
      }
    } finally {
      intl.restore();
    }
    expect(intl.made).to.deep.equal([]);
  });
});
