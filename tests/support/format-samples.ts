/** Dates and counts to format in every language (format.test.ts, written-formats.test.ts). */

/** Every month, both halves of the day and the hours where clocks differ (0, 12), in two years. */
export const dates = [2016, 2026].flatMap((year) =>
  Array.from({ length: 12 }, (_, month) =>
    [0, 1, 9, 12, 13, 23].map(
      (hour, i) => new Date(year, month, [1, 9, 28][i % 3], hour, [0, 5, 59][i % 3]),
    ),
  ).flat(),
);
/** Where plural rules and digit grouping change: few, many, teens, thousands, millions. */
export const counts = [
  ...Array.from({ length: 130 }, (_, i) => i),
  1000,
  1001,
  1234,
  9999,
  10_000,
  12_345,
  100_000,
  1_000_000,
  1_234_567,
  2_000_000,
];
