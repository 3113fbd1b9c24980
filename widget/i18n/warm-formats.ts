import type { Format } from './format.js';

/**
 * Makes `fmt`'s date and number formats in tasks of their own, for a thread whose language needs Intl (a
 * regional variant: see Written) to call before its first render; resolves once they are made. It comes
 * with the reader chunk, as most threads write without Intl. A page's first format loads the browser's
 * locale data:
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
