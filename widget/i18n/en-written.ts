import type { Written } from './format.js';

/** "May 31, 2016 at 6:24 am", as WordPress prints it; with the reader chunk, which draws the first dates. */
export const enWritten: Written = {
  tags: ['en', 'en-US'],
  months: 'January February March April May June July August September October November December',
  date: '{M} {d}, {y} at {h}:{mm} {a}',
  group: ',',
  plural: (n) => (n === 1 ? 'one' : 'other'),
};
