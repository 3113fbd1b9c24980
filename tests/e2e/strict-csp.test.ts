import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../widget/api/pow.js';
import { launchChromium } from '../support/browser.js';
import { freePort, type SpawnedServer, spawnServer } from '../support/spawn-server.js';

const BUNDLE = fileURLToPath(new URL('../../dist/widget/embed.js', import.meta.url));
const PUBLISHER_HOST = '127.0.0.2';

/** The policy of issue 4, for a publisher page on its own origin embedding Confab from `server`. */
const policyFor = (server: string) =>
  `default-src 'self'; script-src 'self' ${server}; connect-src ${server}; style-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'`;

let dir: string;
let browser: Browser;
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
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
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

interface Watched {
  page: Page;
  /** `securitypolicyviolation` events, as the page itself heard them. */
  violations: () => Promise<string[]>;
  /** Console errors and uncaught exceptions: a Trusted Types refusal throws as well as reporting. */
  errors: string[];
  requests: string[];
}

/** A tab that records every CSP violation from before the first script runs. */
async function watchedPage(): Promise<Watched> {
  const page = await browser.newPage();
  // Injected by the browser itself, so the page's policy does not apply to this listener.
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    Object.assign(window, { __violations: seen });
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  const errors: string[] = [];
  const requests: string[] = [];
  // The browser's own favicon request is no business of the widget's.
  page.on(
    'console',
    (m) =>
      m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico') && errors.push(m.text()),
  );
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  return {
    page,
    errors,
    requests,
    violations: () =>
      page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
}

const root = (sel: string) =>
  `document.querySelector('confab-comments').shadowRoot.querySelector(${JSON.stringify(sel)})`;
const _heading = (page: Page) =>
  page.evaluate(`${root('[part~="heading"]')}?.textContent.trim().replace(/\\s+/g, ' ')`);

async function waitForHeading(page: Page, text: string) {
  await page.waitForFunction(
    `${root('[part~="heading"]')}?.textContent.includes(${JSON.stringify(text)})`,
    { timeout: 10_000 },
  );
}

/** Types into the form and presses Post Comment, as a reader would. */
async function postThroughForm(page: Page, body: string) {
  // The form's code loads just after the thread's first render.
  await page.waitForFunction(`${root('confab-reply-form')}.shadowRoot?.querySelector('textarea')`, {
    timeout: 10_000,
  });
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
async function editLast(page: Page, body: string, shows: string) {
  const last = `[...document.querySelector('confab-comments').shadowRoot.querySelectorAll('confab-comment')].at(-1)`;
  await page.waitForFunction(`${last}.querySelector('[part~="edit-button"]')`, { timeout: 10_000 });
  await page.evaluate(`${last}.querySelector('[part~="edit-button"]').click()`);
  await page.waitForFunction(`${last}.querySelector('[part~="editor"] textarea')`, {
    timeout: 10_000,
  });
  await page.evaluate(`(() => {
    const editor = ${last}.querySelector('[part~="editor"]');
    editor.querySelector('textarea').value = ${JSON.stringify(body)};
    editor.querySelector('[part~="save"]').click();
  })()`);
  await page.waitForFunction(
    `${last}.shadowRoot.querySelector('[part~="body"]').innerHTML.includes(${JSON.stringify(shows)})`,
    {
      timeout: 10_000,
    },
  );
}

/** The rendered body of the last comment, as HTML. */
const lastBody = (page: Page) =>
  page.evaluate(
    `[...document.querySelector('confab-comments').shadowRoot.querySelectorAll('confab-comment')].at(-1).shadowRoot.querySelector('[part~="body"]').innerHTML`,
  );

describe('under a strict Content Security Policy with Trusted Types', () => {
  it('reads, posts and edits on a publisher’s page with zero violations', async () => {
    const url = `${publisherOrigin}/news/solar-towns`;
    await seed(url, 'Seen **before** the page loaded, with [a link](https://example.com/).');
    const { page, violations, errors } = await watchedPage();
    await page.goto(url);
    await waitForHeading(page, 'One thought on');
    // Server HTML went through the `confab` Trusted Types policy into the DOM.
    expect(await lastBody(page)).toContain('<strong>before</strong>');

    await postThroughForm(page, 'Posted under a *strict* policy.');
    await waitForHeading(page, '2 thoughts on');
    expect(await lastBody(page)).toContain('<em>strict</em>');
    await editLast(page, 'Edited under a **strict** policy.', '<strong>strict</strong>');

    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads, posts and edits on the demo page whose <meta> policy allows only its own origin', async () => {
    const { page, violations, errors } = await watchedPage();
    await page.goto(`${confab.url}/demo/strict-csp.html`);
    await waitForHeading(page, 'No thoughts yet on');
    await postThroughForm(page, 'From the **strict** demo.');
    await waitForHeading(page, 'One thought on');
    expect(await lastBody(page)).toContain('<strong>strict</strong>');
    await editLast(page, 'From the *edited* demo.', '<em>edited</em>');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads a German page’s catalogue as one extra script from the Confab server, within the policy', async () => {
    /** The scripts a page fetched from the Confab server once it settled. */
    const scriptsOf = async (path: string, heading: string) => {
      const watched = await watchedPage();
      await watched.page.goto(`${publisherOrigin}${path}`, { waitUntil: 'networkidle2' });
      await waitForHeading(watched.page, heading);
      expect(await watched.violations()).toEqual([]);
      expect(watched.errors).toEqual([]);
      await watched.page.close();
      return new Set(
        watched.requests
          .filter((r) => r.startsWith(confab.url) && r.endsWith('.js'))
          .map((r) => new URL(r).pathname),
      );
    };
    const english = await scriptsOf('/news/solar', 'No thoughts yet on');
    const german = await scriptsOf('/news/solar?lang=de', 'Noch keine Gedanken zu');
    const locale = /^\/chunks\/(de|es|fr|kk|ru)-[\w-]+\.js$/;
    expect([...english].filter((p) => locale.test(p))).toEqual([]);
    expect([...german].filter((p) => !english.has(p))).toEqual([
      expect.stringMatching(/^\/chunks\/de-[\w-]+\.js$/),
    ]);
  });

  it('hears a violation when there is one, so the zeros above are measured', async () => {
    const { page, violations, errors } = await watchedPage();
    await page.goto(`${publisherOrigin}/news/probe`);
    await waitForHeading(page, 'No thoughts yet on');
    await page.evaluate(() => {
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>raw markup</b>');
      } catch {
        // Trusted Types refuses the string: exactly what the probe must notice.
      }
    });
    expect(await violations()).toEqual([expect.stringMatching(/^require-trusted-types-for /)]);
    expect(errors.join('\n')).toContain('TrustedHTML');
    await page.close();
  });
});
