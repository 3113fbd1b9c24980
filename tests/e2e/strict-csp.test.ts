import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../widget/api/pow.js';
import {
  BROWSER_START_MS,
  BROWSER_TEST_MS,
  E2E_ENGINES,
  type E2EBrowser,
  type E2EPage,
  launchBrowser,
} from '../support/browser.js';
import { until } from '../support/pg.js';
import { freePort, type SpawnedServer, spawnServer } from '../support/spawn-server.js';

const BUNDLE = fileURLToPath(new URL('../../dist/widget/embed.js', import.meta.url));
const PUBLISHER_HOST = '127.0.0.2';

/** The policy of issue 4, for a publisher page on its own origin embedding Confab from `server`. */
const policyFor = (server: string) =>
  `default-src 'self'; script-src 'self' ${server}; connect-src ${server}; style-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'`;

let dir: string;
let confab: SpawnedServer;
let publisher: Server;
let publisherOrigin: string;

beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error(
      `The widget bundle is missing at ${BUNDLE}: run \`npm run build\` first (npm test does).`,
    );
  dir = mkdtempSync(join(tmpdir(), 'confab-csp-'));
  const port = await freePort();
  publisherOrigin = `http://${PUBLISHER_HOST}:${port}`;
  // Proof of work stays on, as in production, so its solver runs under the policy too; an easy puzzle and
  // no minimum age keep the test quick (the widget still waits its own 3 s before posting).
  confab = await spawnServer({
    DATABASE_URL: `file:${join(dir, 'confab.db')}`,
    CONFAB_ORIGINS: publisherOrigin,
    CONFAB_POW: 'on',
    CONFAB_POW_DIFFICULTY: '1000',
    CONFAB_MIN_SUBMIT_SECONDS: '0',
    // Every engine posts from 127.0.0.1 within a minute: more than one reader's limit allows.
    CONFAB_RATE_LIMIT: 'off',
  });
  // The publisher sends the policy as a header, as a site would; `?lang=de` makes a German page.
  publisher = createServer((req, res) => {
    const lang = new URL(req.url!, publisherOrigin).searchParams.get('lang') ?? 'en';
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': policyFor(confab.url),
    });
    res.end(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Solar towns</title>
<script type="module" src="${confab.url}/embed.js"></script>
</head><body><main><h1>Solar towns</h1><p>Article text.</p><confab-comments></confab-comments></main></body></html>`);
  });
  await new Promise<void>((resolve) => publisher.listen(port, PUBLISHER_HOST, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => publisher?.close(resolve));
  await confab?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Posts through the API as another reader's browser would: with a solved challenge. */
async function seed(url: string, body: string) {
  const pow = await solveChallenge(await (await fetch(`${confab.url}/api/challenge`)).json());
  const res = await fetch(`${confab.url}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      url,
      title: 'Solar towns',
      body,
      author: { name: 'Early Bird', email: 'early@example.com' },
      pow,
    }),
  });
  expect(res.status).toBe(201);
}

/**
 * Records every CSP violation the page hears, from before its first script in Chromium; in WebKit from
 * its load on (WebDriver cannot run a script earlier), which still covers posting and editing.
 */
const HEAR_VIOLATIONS = `(() => {
  if (window.__violations) return;
  const seen = (window.__violations = []);
  document.addEventListener('securitypolicyviolation', (e) =>
    seen.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sample),
  );
})()`;

const violations = (page: E2EPage) => page.evaluate<string[]>('window.__violations');

const comments = `document.querySelector('confab-comments').shadowRoot.querySelectorAll('confab-comment')`;
const root = (sel: string) =>
  `document.querySelector('confab-comments').shadowRoot.querySelector(${JSON.stringify(sel)})`;
/** Until the heading says `text` and the whole thread is drawn: the form comes under it with the last slice. */
async function waitForHeading(page: E2EPage, text: string) {
  await page.waitFor(
    `${root('[part~="heading"]')}?.textContent.includes(${JSON.stringify(text)}) && ${root('confab-reply-form')}`,
  );
}

/** Types into the form and presses Post Comment, as a reader would. */
async function postThroughForm(page: E2EPage, body: string) {
  // The form's code loads just after the thread's first render.
  await page.waitFor(`${root('confab-reply-form')}.shadowRoot?.querySelector('textarea')`);
  await page.evaluate(`(() => {
    const form = ${root('confab-reply-form')}.shadowRoot;
    const set = (sel, v) => { const el = form.querySelector(sel); el.value = v; el.dispatchEvent(new Event('input', { bubbles: true, composed: true })); };
    set('textarea', ${JSON.stringify(body)});
    set('input[autocomplete="name"]', 'Strict Reader');
    set('input[type="email"]', 'strict@example.com');
    form.querySelector('[part~="submit"]').click();
  })()`);
}

/** Opens Edit on the reader's own (last) comment, types the new source, saves, and waits for it to show. */
async function editLast(page: E2EPage, body: string, shows: string) {
  const last = `[...document.querySelector('confab-comments').shadowRoot.querySelectorAll('confab-comment')].at(-1)`;
  await page.waitFor(`${last}.shadowRoot.querySelector('[part~="edit-button"]')`);
  await page.evaluate(`${last}.shadowRoot.querySelector('[part~="edit-button"]').click()`);
  await page.waitFor(`${last}.shadowRoot.querySelector('[part~="editor"] textarea')`);
  await page.evaluate(`(() => {
    const editor = ${last}.shadowRoot.querySelector('[part~="editor"]');
    editor.querySelector('textarea').value = ${JSON.stringify(body)};
    editor.querySelector('[part~="save"]').click();
  })()`);
  await page.waitFor(
    `${last}.shadowRoot.querySelector('[part~="body"]').innerHTML.includes(${JSON.stringify(shows)})`,
  );
}

/** The rendered body of the last comment, as HTML. */
const lastBody = (page: E2EPage) =>
  page.evaluate(
    `[...document.querySelector('confab-comments').shadowRoot.querySelectorAll('confab-comment')].at(-1).shadowRoot.querySelector('[part~="body"]').innerHTML`,
  );

describe.each(E2E_ENGINES)(
  'under a strict Content Security Policy with Trusted Types, in %s',
  (engine) => {
    let browser: E2EBrowser;
    beforeAll(async () => {
      browser = await launchBrowser(engine);
    }, BROWSER_START_MS);
    afterAll(async () => {
      await browser?.close();
    });
    const watchedPage = () => browser.newPage({ beforeLoad: HEAR_VIOLATIONS });

    it('reads, posts and edits on a publisher’s page with zero violations', async () => {
      const url = `${publisherOrigin}/news/solar-towns-${engine}`;
      await seed(url, 'Seen **before** the page loaded, with [a link](https://example.com/).');
      const page = await watchedPage();
      await page.goto(url);
      await waitForHeading(page, 'One thought on');
      // Server HTML went through the `confab` Trusted Types policy into the DOM.
      expect(await lastBody(page)).toContain('<strong>before</strong>');

      await postThroughForm(page, 'Posted under a *strict* policy.');
      await waitForHeading(page, '2 thoughts on');
      expect(await lastBody(page)).toContain('<em>strict</em>');
      await editLast(page, 'Edited under a **strict** policy.', '<strong>strict</strong>');

      expect(await violations(page)).toEqual([]);
      expect(await page.errors()).toEqual([]);
      await page.close();
    });

    it('reads, posts and edits on the demo page whose <meta> policy allows only its own origin', async () => {
      const page = await watchedPage();
      await page.goto(`${confab.url}/demo/strict-csp.html`);
      // The demo names its thread itself, so the engine that runs second finds the first one's comment.
      await waitForHeading(page, 'thought');
      const before = await page.evaluate<number>(`${comments}.length`);
      // The server refuses a reader's exact repeat: each engine's reader says something of its own.
      await postThroughForm(page, `From the **strict** demo, in ${engine}.`);
      await page.waitFor(`${comments}.length === ${before + 1}`);
      expect(await lastBody(page)).toContain('<strong>strict</strong>');
      await editLast(page, 'From the *edited* demo.', '<em>edited</em>');
      expect(await violations(page)).toEqual([]);
      expect(await page.errors()).toEqual([]);
      await page.close();
    });

    it('loads a German page’s catalogue as one extra script from the Confab server, within the policy', async () => {
      /** The scripts a page fetched from the Confab server once its form, the last lazy part, is in. */
      const scriptsOf = async (path: string, heading: string) => {
        const page = await watchedPage();
        await page.goto(`${publisherOrigin}${path}`);
        await waitForHeading(page, heading);
        await page.waitFor(`${root('confab-reply-form')}.shadowRoot?.querySelector('textarea')`);
        expect(await violations(page)).toEqual([]);
        expect(await page.errors()).toEqual([]);
        const requests = await page.requests();
        await page.close();
        return new Set(
          requests
            .filter((r) => r.startsWith(confab.url) && r.endsWith('.js'))
            .map((r) => new URL(r).pathname),
        );
      };
      const english = await scriptsOf(`/news/solar-${engine}`, 'No thoughts yet on');
      const german = await scriptsOf(`/news/solar-${engine}?lang=de`, 'Noch keine Gedanken zu');
      const locale = /^\/chunks\/(de|es|fr|kk|ru)-[\w-]+\.js$/;
      expect([...english].filter((p) => locale.test(p))).toEqual([]);
      expect([...german].filter((p) => !english.has(p))).toEqual([
        expect.stringMatching(/^\/chunks\/de-[\w-]+\.js$/),
      ]);
    });

    it('hears a violation when there is one, so the zeros above are measured', async () => {
      const page = await watchedPage();
      await page.goto(`${publisherOrigin}/news/probe-${engine}`);
      await waitForHeading(page, 'No thoughts yet on');
      // Uncaught, as a widget's mistake would be: Trusted Types refuses the string and throws.
      await page.evaluate(
        `void setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<b>raw markup</b>'))`,
      );
      await page.waitFor('window.__violations.length > 0');
      expect(await violations(page)).toEqual([
        expect.stringMatching(/^require-trusted-types-for /),
      ]);
      await until(
        async () => (await page.errors()).length > 0,
        'the refusal to reach the error log',
      );
      expect((await page.errors()).join('\n')).toContain('TrustedHTML');
      await page.close();
    });
  },
  BROWSER_TEST_MS,
);
