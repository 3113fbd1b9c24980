import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { launchWebKit } from './webkit.js';

/** Headless Chromium for end-to-end tests, with the time zone pinned so dates render the same everywhere. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, TZ: 'UTC' },
  });
}

/** How long a browser may take to start: WebKit's driver, display and window take a while on a busy machine. */
export const BROWSER_START_MS = 120_000;
/** How long one test driving a browser may take: reading, posting and editing cost seconds each when busy. */
export const BROWSER_TEST_MS = 60_000;

/** The engines the end-to-end tests run in. */
export const E2E_ENGINES = ['chromium', 'webkit'] as const;
export type Engine = (typeof E2E_ENGINES)[number];

/** A tab, as the end-to-end tests drive it in every engine. */
export interface E2EPage {
  goto(url: string): Promise<void>;
  /** Resolves once `expression` is truthy in the page; rejects after 10 s. */
  waitFor(expression: string): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  /**
   * The page's errors since it was opened: uncaught exceptions and console errors. Chromium reports its
   * own console messages too (a refused resource, say); WebDriver cannot read WebKit's console, so there
   * they are what the page itself hears (uncaught errors, rejections, `console.error`) from its load on.
   */
  errors(): Promise<string[]>;
  /**
   * The URLs the page has fetched to completion, in the order it asked for them. Resource Timing gives
   * the same list in every engine; a stream still open (the live updates) is not in it.
   */
  requests(): Promise<string[]>;
  close(): Promise<void>;
}

export interface E2EBrowser {
  engine: Engine;
  /**
   * A new tab. `beforeLoad` (a script) runs before the page's own scripts in Chromium; WebDriver has no
   * such hook, so in WebKit it runs right after each navigation, once the page has loaded.
   */
  newPage(options?: { beforeLoad?: string }): Promise<E2EPage>;
  close(): Promise<void>;
}

const REQUESTS = `performance.getEntriesByType('resource').map((e) => e.name)`;

/** Records, in the page, what WebKit's console would show: uncaught errors, rejections, console.error. */
const HEAR_ERRORS = `(() => {
  if (window.__confabErrors) return;
  const heard = (window.__confabErrors = []);
  addEventListener('error', (e) => heard.push(String(e.error ?? e.message)));
  addEventListener('unhandledrejection', (e) => heard.push(String(e.reason)));
  const error = console.error.bind(console);
  console.error = (...args) => {
    heard.push(args.map(String).join(' '));
    error(...args);
  };
})()`;
const WAIT_MS = 10_000;

/**
 * `expression` as a condition to poll: one that cannot be evaluated yet (an element not yet upgraded has no
 * shadowRoot to query: embed.js defines its elements in a task after its own) is not true yet.
 */
const condition = (expression: string) =>
  `(() => { try { return !!(${expression}); } catch { return false; } })()`;

async function chromiumBrowser(): Promise<E2EBrowser> {
  const browser = await launchChromium();
  return {
    engine: 'chromium',
    async newPage({ beforeLoad } = {}) {
      const page = await browser.newPage();
      if (beforeLoad) await page.evaluateOnNewDocument(beforeLoad);
      const errors: string[] = [];
      // The browser's own favicon request is no business of the widget's.
      page.on(
        'console',
        (m) =>
          m.type() === 'error' &&
          !m.location().url?.endsWith('/favicon.ico') &&
          errors.push(m.text()),
      );
      page.on('pageerror', (e) => errors.push(String(e)));
      const evaluate = <T>(expression: string) => page.evaluate(expression) as Promise<T>;
      return {
        goto: async (url) => void (await page.goto(url)),
        waitFor: async (expression) =>
          void (await page.waitForFunction(condition(expression), { timeout: WAIT_MS })),
        evaluate,
        errors: async () => [...errors],
        requests: () => evaluate<string[]>(REQUESTS),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function webkitBrowser(): Promise<E2EBrowser> {
  const webkit = await launchWebKit();
  const evaluate = <T>(expression: string) => webkit.execute<T>(`return (${expression});`);
  return {
    engine: 'webkit',
    // The driver holds one window: a tab is that window, and the tests use one tab at a time.
    async newPage({ beforeLoad } = {}) {
      return {
        async goto(url) {
          await webkit.goto(url);
          await webkit.execute(HEAR_ERRORS);
          if (beforeLoad) await webkit.execute(beforeLoad);
        },
        async waitFor(expression) {
          const until = Date.now() + WAIT_MS;
          while (!(await evaluate<boolean>(condition(expression)))) {
            if (Date.now() > until) throw new Error(`Waited ${WAIT_MS} ms for ${expression}`);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
        evaluate,
        errors: () => evaluate<string[]>('window.__confabErrors ?? []'),
        requests: () => evaluate<string[]>(REQUESTS),
        close: () => webkit.goto('about:blank'),
      };
    },
    close: () => webkit.stop(),
  };
}

/** Starts `engine` headless, from the system's own installation. */
export function launchBrowser(engine: Engine): Promise<E2EBrowser> {
  return engine === 'chromium' ? chromiumBrowser() : webkitBrowser();
}
