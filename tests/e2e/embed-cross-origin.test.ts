import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_START_MS,
  BROWSER_TEST_MS,
  E2E_ENGINES,
  type E2EBrowser,
  launchBrowser,
} from '../support/browser.js';
import { freePort, type SpawnedServer, spawnServer } from '../support/spawn-server.js';

const BUNDLE = fileURLToPath(new URL('../../dist/widget/embed.js', import.meta.url));
// 127.0.0.2 is loopback too, but not "localhost" to the server: it is allowed only when listed in CONFAB_ORIGINS.
const PUBLISHER_HOST = '127.0.0.2';

let dir: string;
let confab: SpawnedServer;
let publisher: Server;
let publisherOrigin: string;
let stranger: Server;
let strangerOrigin: string;

/** The publisher's article page, embedding Confab exactly as README's snippet says. */
function articlePage(confabUrl: string, title: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script type="module" src="${confabUrl}/embed.js"></script>
</head><body><article><h1>${title}</h1><p>Article text.</p></article>
<confab-comments style="display: block; min-height: 100vh"></confab-comments>
</body></html>`;
}

beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error(
      `The widget bundle is missing at ${BUNDLE}: run \`npm run build\` first (npm test does).`,
    );
  dir = mkdtempSync(join(tmpdir(), 'confab-e2e-'));
  const port = await freePort();
  publisherOrigin = `http://${PUBLISHER_HOST}:${port}`;
  confab = await spawnServer({
    DATABASE_URL: `file:${join(dir, 'confab.db')}`,
    CONFAB_ORIGINS: publisherOrigin,
    CONFAB_POW: 'off',
  });
  const serveArticle = () =>
    createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(articlePage(confab.url, `Article ${req.url}`));
    });
  publisher = serveArticle();
  await new Promise<void>((resolve) => publisher.listen(port, PUBLISHER_HOST, resolve));
  stranger = serveArticle();
  strangerOrigin = `http://127.0.0.3:${port}`;
  await new Promise<void>((resolve) => stranger.listen(port, '127.0.0.3', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => publisher?.close(resolve));
  await new Promise((resolve) => stranger?.close(resolve));
  await confab?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(E2E_ENGINES)(
  'embedding on another origin, in %s',
  (engine) => {
    let browser: E2EBrowser;
    beforeAll(async () => {
      browser = await launchBrowser(engine);
    }, BROWSER_START_MS);
    afterAll(async () => {
      await browser?.close();
    });

    it('reads the thread and posts through the form with the bundle served by the running server', async () => {
      const pageUrl = `${publisherOrigin}/news/solar-towns-${engine}`;
      await fetch(`${confab.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          url: pageUrl,
          title: 'Solar towns',
          body: 'First!',
          author: { name: 'Early Bird', email: 'early@example.com' },
        }),
      });

      const page = await browser.newPage();
      await page.goto(pageUrl);
      const root = (sel: string) =>
        `document.querySelector('confab-comments').shadowRoot.querySelector(${JSON.stringify(sel)})`;
      // The thread drawn to its last slice, which brings the form.
      await page.waitFor(
        `${root('[part~="heading"]')}?.textContent.includes('One thought on') && ${root('confab-reply-form')}`,
      );
      expect(
        await page.evaluate(
          `${root('confab-comment')}.shadowRoot.querySelector('[part~="author"]').textContent.trim()`,
        ),
      ).toBe('Early Bird');
      const fromConfab = (await page.requests()).filter((u) => u.startsWith(confab.url));
      // The bundle; then, side by side, the thread, the one reader chunk and whether the server sends mail,
      // all of it before the first render; after it, only the live stream (still open, so not listed).
      const kind = (u: string) =>
        u.startsWith(`${confab.url}/chunks/reader-`)
          ? 'reader chunk'
          : u.startsWith(`${confab.url}/api/threads?`)
            ? 'thread'
            : u.slice(confab.url.length);
      expect(fromConfab[0]).toBe(`${confab.url}/embed.js`);
      expect(fromConfab.slice(1).map(kind).sort()).toEqual([
        '/api/features',
        'reader chunk',
        'thread',
      ]);

      // The form is drawn with the thread.
      await page.waitFor(`${root('confab-reply-form')}.shadowRoot?.querySelector('textarea')`);
      await page.evaluate(`(() => {
      const form = ${root('confab-reply-form')}.shadowRoot;
      const set = (sel, v) => { const el = form.querySelector(sel); el.value = v; el.dispatchEvent(new Event('input', { bubbles: true, composed: true })); };
      set('textarea', 'Posted from **another origin**.');
      set('input[autocomplete="name"]', 'Remote Reader');
      set('input[type="email"]', 'remote@example.com');
      form.querySelector('[part~="submit"]').click();
    })()`);
      await page.waitFor(`${root('[part~="heading"]')}?.textContent.includes('2 thoughts on')`);

      const thread = await (
        await fetch(`${confab.url}/api/threads?url=${encodeURIComponent(pageUrl)}`)
      ).json();
      expect(thread.comments.map((c: { html: string }) => c.html)).toEqual([
        '<p>First!</p>\n',
        '<p>Posted from <strong>another origin</strong>.</p>\n',
      ]);
      await page.close();
    });

    it('does not serve the thread to an origin missing from CONFAB_ORIGINS, and says so', async () => {
      const page = await browser.newPage();
      await page.goto(`${strangerOrigin}/news/elsewhere-${engine}`);
      const loadError = `document.querySelector('confab-comments').shadowRoot.querySelector('[part~="load-error"]')`;
      await page.waitFor(loadError);
      const message = await page.evaluate(`${loadError}.querySelector('p').textContent`);
      // The real reason, not "the server could not be reached".
      expect(message).toContain(strangerOrigin);
      expect(message).toContain('CONFAB_ORIGINS');
      await page.close();
    });
  },
  BROWSER_TEST_MS,
);
