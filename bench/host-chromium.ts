import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { trackRequests } from './browser.js';
import { median } from './proc.js';

/**
 * A reader on a mid-range phone: Chromium with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate),
 * a Moto G Power's screen (Lighthouse's mobile preset), HTTP cache off. The page itself records layout
 * shifts, long tasks and its first contentful paint; each view ends once the page has settled (no request
 * in flight for a while, nothing new shifted or requested, every expected comment on screen).
 */

export interface HostScenario {
  name: string;
  /** The article page's address on the bench's page server. */
  url: string;
  /** Comments in the thread. */
  size: number;
  /** Comments the view waits to see on screen (the thread's first page). */
  expected: number;
  /** Load, settle, then scroll down to the widget: the comments start below the fold. */
  scroll: boolean;
  /** The widget should request nothing before the reader nears it (a server-rendered one loads eagerly). */
  lazy: boolean;
}

export interface HostView {
  /** Cumulative Layout Shift: the largest session window (gaps under 1 s, at most 5 s), as Lighthouse counts it. */
  cls: number;
  /** Sum of each long task's time over 50 ms, from first contentful paint to settled. */
  tbtMs: number;
  /** The longest task from first contentful paint to settled: the window TBT counts. */
  longestTaskMs: number;
  /**
   * The longest task before first contentful paint: the page's own loading, which the article alone has
   * too (a module script such as embed.js runs once the document is parsed).
   */
  loadTaskMs: number;
  /** Requests to the Confab server before the scroll (scrolling views only), embed.js apart. */
  beforeScroll: { embed: number; widget: number } | null;
  /** Where the comments start at load, in screen heights from the top. */
  screensDown: number;
  requests: number;
}

export interface HostScenarioResult extends HostScenario {
  runs: HostView[];
  /** Worst run: a shift that happens one time in three still happens to readers. */
  cls: number;
  tbtMs: number;
  longestTaskMs: number;
  loadTaskMs: number;
  beforeScroll: { embed: number; widget: number } | null;
}

const CPU_SLOWDOWN = 4;
const MOBILE = { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
/** No request in flight for this long counts as quiet (a live-update stream never ends, so it is left out). */
const QUIET_MS = 700;
const SETTLE_TIMEOUT_MS = 45_000;

/** Runs in the page before any of its scripts. */
function probe() {
  const w = window as unknown as { __host: Record<string, unknown> };
  const shifts: { start: number; value: number }[] = [];
  const tasks: { start: number; duration: number }[] = [];
  w.__host = { shifts, tasks, fcp: null, probes: [] };
  new PerformanceObserver((list) => {
    // Every shift, hadRecentInput or not: the bench gives no input (scrolling is none to the Layout
    // Instability API), yet Chromium flags shifts in the first 500 ms after the mobile emulation's viewport
    // change as following input (crbug.com/1302667), which would hide the very shifts of a loading page.
    // Lighthouse counts them for the same reason.
    for (const e of list.getEntries() as (PerformanceEntry & { value: number })[])
      shifts.push({ start: e.startTime, value: e.value });
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'first-contentful-paint') w.__host.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
}

interface PageState {
  shown: number;
  shifts: number;
}

/** After the next frame: comments on screen (`part="comment"`, through every shadow root) and shifts so far. */
const pageState = (page: Page) =>
  page.evaluate(async (): Promise<PageState> => {
    const host = (window as unknown as { __host: { shifts: unknown[]; probes: number[][] } })
      .__host;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const from = performance.now();
    // A stack, not a recursive helper: tsx would wrap a named function in a helper the page lacks.
    let shown = 0;
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      shown += root.querySelectorAll('[part~="comment"]').length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    // The count is the bench's work, not the page's: a long task it falls in is left out.
    host.probes.push([from, performance.now()]);
    return { shown, shifts: host.shifts.length };
  });

/** Requests in flight on the page (all origins), a live-update stream aside. */
function watchActivity(cdp: CDPSession) {
  const inFlight = new Set<string>();
  let last = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'EventSource') return;
    inFlight.add(e.requestId);
    last = Date.now();
  });
  const done = (e: { requestId: string }) => {
    if (inFlight.delete(e.requestId)) last = Date.now();
  };
  cdp.on('Network.loadingFinished', done);
  cdp.on('Network.loadingFailed', done);
  return () => (inFlight.size ? 0 : Date.now() - last);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function settle(
  page: Page,
  quietFor: () => number,
  requested: () => number,
  expected: number,
): Promise<void> {
  const end = Date.now() + SETTLE_TIMEOUT_MS;
  let previous = '';
  for (;;) {
    while (quietFor() < QUIET_MS && Date.now() < end) await sleep(100);
    const s = await pageState(page);
    const key = `${requested()} ${s.shifts} ${s.shown}`;
    if (s.shown >= expected && key === previous) return;
    if (Date.now() > end)
      throw new Error(
        `${page.url()} did not settle in ${SETTLE_TIMEOUT_MS / 1000} s: ${s.shown} of ${expected} comments shown`,
      );
    previous = key;
    await sleep(QUIET_MS);
  }
}

/** The widget's top, in screen heights below the top of the viewport. */
const widgetTop = (page: Page) =>
  page.evaluate(
    () =>
      (document.querySelector('confab-comments')?.getBoundingClientRect().top ?? 0) / innerHeight,
  );

/** Down in steps of about a third of a screen, as a reader flicks, until the widget's top is a third of the way down. */
async function scrollToWidget(page: Page) {
  for (let i = 0; i < 100; i++) {
    const left = ((await widgetTop(page)) - 1 / 3) * MOBILE.height;
    if (left <= 1) return;
    await page.evaluate((dy) => scrollBy(0, dy), Math.min(left, 280));
    await sleep(60);
  }
}

/** Largest sum of shifts within one session window (next shift within 1 s, window at most 5 s). */
function cumulativeLayoutShift(shifts: { start: number; value: number }[]) {
  let best = 0;
  let sum = 0;
  let first = -Infinity;
  let prev = -Infinity;
  for (const s of shifts.toSorted((a, b) => a.start - b.start)) {
    if (s.start - prev > 1000 || s.start - first > 5000) {
      sum = 0;
      first = s.start;
    }
    sum += s.value;
    prev = s.start;
    best = Math.max(best, sum);
  }
  return best;
}

async function view(browser: Browser, s: HostScenario, confabOrigin: string): Promise<HostView> {
  const page = await browser.newPage();
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.setViewport(MOBILE);
    await page.evaluateOnNewDocument(probe);
    const requests = trackRequests(cdp, confabOrigin);
    const quietFor = watchActivity(cdp);
    const isEmbed = (url: string) => new URL(url).pathname === '/embed.js';
    await page.goto(s.url, { waitUntil: 'load', timeout: SETTLE_TIMEOUT_MS });
    const screensDown = await widgetTop(page);
    let beforeScroll: HostView['beforeScroll'] = null;
    if (s.scroll) {
      await settle(page, quietFor, () => requests.size, 0);
      const urls = [...requests.values()].map((r) => r.url);
      const embed = urls.filter(isEmbed).length;
      beforeScroll = { embed, widget: urls.length - embed };
      await scrollToWidget(page);
    }
    await settle(page, quietFor, () => requests.size, s.expected);
    const m = await page.evaluate(() => {
      const h = (
        window as unknown as {
          __host: {
            shifts: { start: number; value: number }[];
            tasks: { start: number; duration: number }[];
            fcp: number | null;
            probes: number[][];
          };
        }
      ).__host;
      return { shifts: h.shifts, tasks: h.tasks, fcp: h.fcp, probes: h.probes };
    });
    const tasks = m.tasks.filter(
      (t) => !m.probes.some(([from, to]) => t.start <= to! && t.start + t.duration >= from!),
    );
    const painted = tasks.filter((t) => t.start >= (m.fcp ?? 0));
    return {
      cls: cumulativeLayoutShift(m.shifts),
      tbtMs: painted.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
      longestTaskMs: Math.max(0, ...painted.map((t) => t.duration)),
      loadTaskMs: Math.max(0, ...tasks.filter((t) => !painted.includes(t)).map((t) => t.duration)),
      beforeScroll,
      screensDown,
      requests: requests.size,
    };
  } finally {
    await page.close();
  }
}

/** Each scenario `runs` times, the scenarios taking turns (in a browser Lighthouse has already warmed). */
export async function measureHostScenarios(
  browser: Browser,
  scenarios: readonly HostScenario[],
  confabOrigin: string,
  runs: number,
  log: (msg: string) => void,
): Promise<HostScenarioResult[]> {
  const all = scenarios.map((): HostView[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, s] of scenarios.entries()) {
      const v = await view(browser, s, confabOrigin);
      log(
        `  4× CPU, ${s.name}, run ${i + 1} of ${runs}: CLS ${v.cls.toFixed(3)}, TBT ${v.tbtMs.toFixed(0)} ms, longest task ${v.longestTaskMs.toFixed(0)} ms (before first paint ${v.loadTaskMs.toFixed(0)} ms)${v.beforeScroll ? `, before the scroll ${v.beforeScroll.embed} embed.js + ${v.beforeScroll.widget} more` : ''}`,
      );
      all[k]!.push(v);
    }
  }
  return scenarios.map((s, k) => {
    const views = all[k]!;
    const worst = (f: (v: HostView) => number) => Math.max(...views.map(f));
    return {
      ...s,
      runs: views,
      cls: worst((v) => v.cls),
      tbtMs: median(views.map((v) => v.tbtMs)),
      longestTaskMs: worst((v) => v.longestTaskMs),
      loadTaskMs: worst((v) => v.loadTaskMs),
      beforeScroll: s.scroll
        ? {
            embed: worst((v) => v.beforeScroll?.embed ?? 0),
            widget: worst((v) => v.beforeScroll?.widget ?? 0),
          }
        : null,
    };
  });
}
