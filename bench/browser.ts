import { chmodSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Browser, type CDPSession } from 'puppeteer-core';
import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH as CHROMIUM } from '../tests/support/chromium.js';
import { LOAD_CORE, median } from './proc.js';

/**
 * Headless Chromium opening an article page (served by the bench from its own 127.0.0.1 origin, as a
 * publisher's page would be) that embeds the widget from the Confab server. Every view is a new document
 * with the HTTP cache off: nothing cached, as a first-time reader.
 */

export interface RequestRecord {
  url: string;
  type: string;
  status: number;
  /** Bytes on the wire: headers and (compressed) body. */
  transferred: number;
  /** Started before the first page was complete in the DOM: the first render waited for it. */
  beforeRender: boolean;
}

export interface ViewResult {
  /** From navigation start to the first frame showing every comment of the first page, ms. */
  renderedMs: number;
  longTasks: { count: number; totalMs: number; maxMs: number };
  /** Requests to the Confab server during the view (the article page itself excluded). */
  requests: RequestRecord[];
}

export interface RenderCase {
  size: number;
  /** Comments on the first page (top-level and their replies), which the view waits for. */
  expected: number;
  views: number;
  renderedMs: number;
  renderedMsAll: number[];
  longTasks: { count: number; totalMs: number; maxMs: number };
  /** Requests and bytes before the thread was on screen, from the first (cold) view. */
  requestsBeforeRender: { js: number; json: number; other: number; total: number; bytes: number };
  requests: RequestRecord[];
}

function articlePage(server: string, threadUrl: string, expected: number): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kazakstan: State Cracks Down On Dissent</title>
<script>
  // Long tasks and the first frame with the whole first page on screen, measured by the page itself.
  window.__bench = { longTasks: [], rendered: null, content: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const expected = ${expected};
  function check() {
    const host = document.querySelector('confab-comments');
    const root = host && host.shadowRoot;
    if (root && root.querySelector('[part=heading]')) {
      const items = root.querySelectorAll('confab-comment');
      if (items.length >= expected && [...items].every((c) => c.shadowRoot && c.shadowRoot.querySelector('[part=body]'))) {
        window.__bench.rendered = performance.now();
        window.__bench.renderedAt = performance.timeOrigin + window.__bench.rendered;
        return;
      }
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
  // The moment the first page is complete in the DOM (before it is painted): requests started after this
  // one did not hold the first render up, even if they went out before the frame.
  customElements.whenDefined('confab-comments').then(() => {
    const root = document.querySelector('confab-comments').shadowRoot;
    new MutationObserver(async () => {
      const items = root.querySelectorAll('confab-comment');
      if (window.__bench.content !== null || !root.querySelector('[part=heading]') || items.length < expected) return;
      await Promise.all([...items].map((c) => c.updateComplete));
      if (window.__bench.content === null) window.__bench.content = performance.timeOrigin + performance.now();
    }).observe(root, { childList: true, subtree: true });
  });
</script>
<script type="module" src="${server}/embed.js"></script>
</head>
<body>
<article>
<h1>Kazakstan: State Cracks Down On Dissent</h1>
<p>Kazakstan has seen the worst social unrest in years over proposed land legislation that many citizens see as threatening their national sovereignty.</p>
</article>
<confab-comments page="${threadUrl}" server="${server}"></confab-comments>
</body>
</html>`;
}

/** A path of the page's origin whose requests go to another server, as a publisher's reverse proxy sends them. */
export interface Proxied {
  /** Such as `/comments/`: removed from the path, as nginx's `proxy_pass http://…/;` does. */
  prefix: string;
  to: string;
}

/** The bench's own origin, serving one article page per thread (and, given `proxied`, another server under a path). */
export async function startPageServer(
  pages: Map<string, string>,
  proxied?: Proxied,
): Promise<{ origin: string; server: HttpServer }> {
  const server = createServer((req, res) => {
    if (proxied && req.url?.startsWith(proxied.prefix)) {
      const target = new URL(req.url.slice(proxied.prefix.length - 1), proxied.to);
      const headers = { ...req.headers, host: target.host };
      // Piped both ways: the live-update stream stays open through it.
      const upstream = request(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    const html = pages.get(req.url ?? '') ?? 'not found';
    // Compressed as a publisher's server sends its pages (nginx's `gzip on` covers text/html): the
    // server-rendered thread's repeated shadow-root styles are most of its bytes, and nearly free gzipped.
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(pages.has(req.url ?? '') ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      vary: 'Accept-Encoding',
      ...(gzip && { 'content-encoding': 'gzip' }),
    });
    res.end(gzip ? gzipSync(html) : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Chromium on the load core, away from the server's; or, `pinned` false, on every core (for pages that
 * need all of a phone's CPU while the server idles).
 */
export async function launch(tmpDir: string, pinned = true): Promise<Browser> {
  const wrapper = join(tmpDir, 'chromium-pinned.sh');
  writeFileSync(wrapper, `#!/bin/sh\nexec taskset -c ${LOAD_CORE} ${CHROMIUM} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return puppeteer.launch({
    executablePath: pinned ? wrapper : CHROMIUM,
    args: ARGS,
    headless: true,
    env: { ...process.env, TZ: 'UTC', LANG: 'en_US.UTF-8' },
  });
}

/** Requests to `origin`, by CDP request id. */
export function trackRequests(cdp: CDPSession, origin: string) {
  const byId = new Map<
    string,
    { url: string; type: string; status: number; transferred: number; wallTime: number }
  >();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith(origin)) return;
    byId.set(e.requestId, {
      url: e.request.url,
      type: e.type ?? 'Other',
      status: 0,
      transferred: 0,
      wallTime: e.wallTime * 1000,
    });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.status = e.response.status;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.transferred = e.encodedDataLength;
  });
  return byId;
}

/**
 * A new tab per view, closed after it: a first visit with the HTTP cache off. (Navigating one tab from
 * article to article would keep the previous pages in the back/forward cache with their live-update
 * connections open, and six of those exhaust Chromium's connections to the Confab server.)
 */
async function openTab(browser: Browser, confabOrigin: string) {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const requests = trackRequests(cdp, confabOrigin);
  return { page, requests };
}

async function view(browser: Browser, pageUrl: string, confabOrigin: string): Promise<ViewResult> {
  const { page, requests } = await openTab(browser, confabOrigin);
  try {
    await page.goto(pageUrl, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(
      () =>
        (window as unknown as { __bench: { rendered: number | null } }).__bench.rendered !== null,
      {
        timeout: 30_000,
        polling: 20,
      },
    );
    // Let late responses (and anything the widget starts after rendering) report their sizes.
    await new Promise((r) => setTimeout(r, 200));
    const bench = await page.evaluate(() => {
      const b = (
        window as unknown as {
          __bench: {
            rendered: number;
            renderedAt: number;
            content: number | null;
            longTasks: { start: number; duration: number }[];
          };
        }
      ).__bench;
      return {
        rendered: b.rendered,
        contentAt: b.content ?? b.renderedAt,
        longTasks: b.longTasks.filter((t) => t.start <= b.rendered),
      };
    });
    const durations = bench.longTasks.map((t) => t.duration);
    return {
      renderedMs: bench.rendered,
      longTasks: {
        count: durations.length,
        totalMs: durations.reduce((a, b) => a + b, 0),
        maxMs: durations.length ? Math.max(...durations) : 0,
      },
      requests: [...requests.values()].map((r) => ({
        url: r.url.replace(confabOrigin, ''),
        type: r.type,
        status: r.status,
        transferred: r.transferred,
        beforeRender: r.wallTime < bench.contentAt,
      })),
    };
  } finally {
    await page.close();
  }
}

export interface BrowserOptions {
  confab: string;
  tmpDir: string;
  threads: { size: number; url: string; expected: number }[];
  views: number;
}

export async function measureRender(opts: BrowserOptions): Promise<RenderCase[]> {
  const pages = new Map(
    opts.threads.map((t) => [`/article/${t.size}`, articlePage(opts.confab, t.url, t.expected)]),
  );
  const { origin, server } = await startPageServer(pages);
  const browser = await launch(opts.tmpDir);
  try {
    // Views to start Chromium's processes and the server's JIT, not counted.
    for (const t of opts.threads) await view(browser, `${origin}/article/${t.size}`, opts.confab);
    const out: RenderCase[] = [];
    for (const t of opts.threads) {
      const views: ViewResult[] = [];
      for (let i = 0; i < opts.views; i++)
        views.push(await view(browser, `${origin}/article/${t.size}`, opts.confab));
      const first = views[0]!;
      const before = first.requests.filter((r) => r.beforeRender);
      const isJs = (r: RequestRecord) => r.type === 'Script' || /\.m?js(\?|$)/.test(r.url);
      const isJson = (r: RequestRecord) => !isJs(r) && (r.type === 'Fetch' || r.type === 'XHR');
      const long = views.map((v) => v.longTasks);
      out.push({
        size: t.size,
        expected: t.expected,
        views: views.length,
        renderedMs: median(views.map((v) => v.renderedMs)),
        renderedMsAll: views.map((v) => v.renderedMs),
        longTasks: {
          count: median(long.map((l) => l.count)),
          totalMs: median(long.map((l) => l.totalMs)),
          maxMs: Math.max(...long.map((l) => l.maxMs)),
        },
        requestsBeforeRender: {
          js: before.filter(isJs).length,
          json: before.filter(isJson).length,
          other: before.filter((r) => !isJs(r) && !isJson(r)).length,
          total: before.length,
          bytes: before.reduce((a, r) => a + r.transferred, 0),
        },
        requests: first.requests,
      });
    }
    return out;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
