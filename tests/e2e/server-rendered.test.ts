import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, SerializedAXNode } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_START_MS, BROWSER_TEST_MS, launchChromium } from '../support/browser.js';
import { type SpawnedServer, spawnServer } from '../support/spawn-server.js';

const BUNDLE = fileURLToPath(new URL('../../dist/widget/embed.js', import.meta.url));

let dir: string;
let confab: SpawnedServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error(
      `The widget bundle is missing at ${BUNDLE}: run \`npm run build\` first (npm test does).`,
    );
  dir = mkdtempSync(join(tmpdir(), 'confab-ssr-'));
  confab = await spawnServer({ DATABASE_URL: `file:${join(dir, 'confab.db')}`, CONFAB_POW: 'off' });
  // The demo's server-rendered article shows the thread of the demo's front page.
  for (const body of [
    'Our school ran on the batteries all January.',
    'Snow is the real problem.',
  ]) {
    const res = await fetch(`${confab.url}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `${confab.url}/`,
        title: 'Steppe towns turn to solar as winter grids strain',
        body,
        author: { name: 'Aigerim', email: `a${body.length}@example.com` },
      }),
    });
    expect(res.status).toBe(201);
  }
  browser = await launchChromium();
}, BROWSER_START_MS);

afterAll(async () => {
  await browser?.close();
  await confab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every name in the accessibility tree: what a screen reader (or a text browser) gets from the page. */
function names(node: SerializedAXNode | null): string[] {
  if (!node) return [];
  return [node.name ?? '', ...(node.children ?? []).flatMap(names)].filter(Boolean);
}

describe('the server-rendered demo article', () => {
  it(
    'shows every comment, the heading and the form to readers without JavaScript',
    async () => {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.goto(`${confab.url}/demo/ssr.html`);
      const text = names(await page.accessibility.snapshot({ interestingOnly: false })).join('\n');
      expect(text).toContain('2 thoughts on “Steppe towns turn to solar as winter grids strain”');
      expect(text).toContain('Our school ran on the batteries all January.');
      expect(text).toContain('Snow is the real problem.');
      expect(text).toContain('Leave a Reply');
      await page.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'hydrates without a thread request and without moving anything',
    async () => {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(`window.__shifts = [];
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts.push(e.value); })
          .observe({ type: 'layout-shift', buffered: true });`);
      await page.goto(`${confab.url}/demo/ssr.html`);
      await page.waitForFunction(
        `document.querySelector('confab-comments')?.hasUpdated &&
          document.querySelector('confab-comments').shadowRoot.querySelector('confab-reply-form')?.hasUpdated`,
        { timeout: 10_000 },
      );
      await page.evaluate(
        'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))',
      );
      const requests = (await page.evaluate(
        `performance.getEntriesByType('resource').map((e) => e.name)`,
      )) as string[];
      expect(requests.filter((r) => r.includes('/api/threads'))).toEqual([]);
      expect(requests.filter((r) => r.endsWith('.js'))).toHaveLength(2);
      expect(await page.evaluate('window.__shifts')).toEqual([]);
      await page.close();
    },
    BROWSER_TEST_MS,
  );
});

/** A phone's article page with README's script-tag snippet after the lead: the comments are in view at load. */
const articleInView = (confabUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Steppe towns turn to solar as winter grids strain</title>
<script type="module" src="${confabUrl}/embed.js"></script>
</head><body><article><h1>Steppe towns turn to solar as winter grids strain</h1>
<p>Across the northern steppe, small towns at the far end of ageing lines are building their own generation.</p>
<confab-comments page="${confabUrl}/" style="display: block; min-height: 100vh"></confab-comments>
${'<p>More of the article, which the comments must not push about once the page is on screen.</p>'.repeat(12)}
</article></body></html>`;

describe('the script-tag embed, in view as a phone opens the page', () => {
  it(
    'moves nothing from the first paint to the whole thread and form drawn',
    async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 412, height: 823 });
      await page.evaluateOnNewDocument(`window.__shifts = [];
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts.push(e.value); })
          .observe({ type: 'layout-shift', buffered: true });`);
      // The publisher's page from the Confab server's own origin, so that no CORS setting is needed.
      const address = `${confab.url}/publisher/article-in-view`;
      await page.setRequestInterception(true);
      page.on('request', (r) =>
        r.url() === address
          ? r.respond({ contentType: 'text/html; charset=utf-8', body: articleInView(confab.url) })
          : r.continue(),
      );
      await page.goto(address);
      await page.waitForFunction(
        `(() => {
          const root = document.querySelector('confab-comments')?.shadowRoot;
          return root?.querySelectorAll('confab-comment').length === 2 && root.querySelector('confab-reply-form')?.hasUpdated;
        })()`,
        { timeout: 10_000 },
      );
      await page.evaluate(
        'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))',
      );
      expect(await page.evaluate('window.__shifts')).toEqual([]);
      await page.close();
    },
    BROWSER_TEST_MS,
  );
});
