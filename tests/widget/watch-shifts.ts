/**
 * Layout shifts as Chromium scores them for CLS: shifts right after the reader's own input are theirs, not
 * the page's. Only Chromium reports layout shifts; the other engines run these tests to the same end and
 * have nothing to measure.
 */
export function watchShifts() {
  const shifts: { value: number; hadRecentInput: boolean }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) shifts.push(e as unknown as (typeof shifts)[number]);
  });
  if ('LayoutShift' in window) observer.observe({ type: 'layout-shift' });
  return {
    /** The page's own shifts so far, after two more frames have been drawn. */
    async unprompted() {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      observer.takeRecords().forEach((e) => shifts.push(e as unknown as (typeof shifts)[number]));
      return shifts.filter((s) => !s.hadRecentInput).map((s) => s.value);
    },
    stop: () => observer.disconnect(),
  };
}
