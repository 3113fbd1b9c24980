import { expect } from '@open-wc/testing';
import { createFormat } from '../../widget/i18n/format.js';

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
    const fmt = createFormat('en-US');
    const heading = (n: number) => fmt.plural('heading', n, { title: 'Title' });
    expect(heading(0)).to.equal('No thoughts yet on “Title”');
    expect(heading(1)).to.equal('One thought on “Title”');
    expect(heading(2)).to.equal('2 thoughts on “Title”');
    expect(heading(1234)).to.equal('1,234 thoughts on “Title”');
  });

  it('makes no date or number format until one is needed: a thread that never loads costs none', () => {
    const made: string[] = [];
    const { DateTimeFormat, NumberFormat } = Intl;
    Intl.DateTimeFormat = new Proxy(DateTimeFormat, {
      construct: (target, args) => (made.push('date'), new target(...args)),
    });
    Intl.NumberFormat = new Proxy(NumberFormat, {
      construct: (target, args) => (made.push('number'), new target(...args)),
    });
    try {
      const fmt = createFormat('en-US');
      expect(fmt.t('loading')).to.equal('Loading comments…');
      expect(made).to.deep.equal([]);
      fmt.warm();
      expect(made).to.deep.equal(['date', 'number']);
      fmt.dateTime('2016-05-31T06:24:00.000Z');
      fmt.plural('headingUntitled', 2);
      expect(made).to.deep.equal(['date', 'number']);
    } finally {
      Intl.DateTimeFormat = DateTimeFormat;
      Intl.NumberFormat = NumberFormat;
    }
  });
});
