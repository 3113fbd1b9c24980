import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/start-server.js';
import { newComment } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({ config: { adminToken: TOKEN, moderation: 'all' } });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const post = async (over: Record<string, unknown>) => {
  const res = await fetch(`${server.url}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(newComment(over)),
  });
  expect(res.status).toBe(201);
};
const texts = (sel: string) =>
  page.$$eval(sel, (els) => els.map((e) => e.textContent?.trim() ?? ''));
const statusLine = () => page.$eval('#status', (e) => e.textContent ?? '');

describe('GET /admin', () => {
  it('serves the page and its module under a strict Content-Security-Policy', async () => {
    const res = await fetch(`${server.url}/admin`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<script type="module" src="/admin/admin.js">');
    const js = await fetch(`${server.url}/admin/admin.js`);
    expect(js.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });

  it('lets the admin sign in, see held comments with their email and approve one for readers', async () => {
    const url = 'https://news.example/moderated';
    await post({
      url,
      body: 'Please <b>approve</b> me',
      author: { name: 'Nell', email: 'nell@example.com' },
    });
    await post({ url, body: 'Another one', author: { name: 'Otto', email: 'otto@example.com' } });
    await page.goto(`${server.url}/admin`);

    await page.type('#token', 'wrong-token-000000000000');
    await page.click('#login button');
    await page.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.includes('wrong'),
    );
    expect(await page.$eval('#app', (e) => (e as HTMLElement).hidden)).toBe(true);

    await page.type('#token', TOKEN);
    await page.click('#login button');
    await page.waitForSelector('#comments li');
    expect(await texts('#comments .author')).toEqual(['Otto', 'Nell']);
    expect(await texts('#comments .email')).toEqual(['<otto@example.com>', '<nell@example.com>']);
    // Text from readers is shown as text: no markup of theirs becomes an element here.
    expect(await texts('#comments .body')).toContain('Please <b>approve</b> me');
    expect(await page.$('#comments .body b')).toBeNull();
    expect(await page.$eval('[data-count="pending"]', (e) => e.textContent)).toBe('(2)');

    await page.click('#comments li:last-child button[data-status="approved"]');
    await page.waitForFunction(
      () => document.querySelector('#status')?.textContent === 'Marked approved.',
    );
    expect(await texts('#comments .author')).toEqual(['Otto']);
    const thread = await (
      await fetch(`${server.url}/api/threads?url=${encodeURIComponent(url)}`)
    ).json();
    expect(thread.comments.map((c: { author: { name: string } }) => c.author.name)).toEqual([
      'Nell',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('applies a bulk action to the selected comments and saves the word lists', async () => {
    await page.click('#select-all');
    await page.select('#bulk-action', 'spam');
    await page.click('#bulk button');
    await page.waitForFunction(
      () => document.querySelector('#status')?.textContent === 'Done for 1 comments.',
    );
    expect(await page.$eval('[data-count="spam"]', (e) => e.textContent)).toBe('(1)');

    await page.type('#moderation-words', 'casino\npoker');
    await page.click('#words button');
    await page.waitForFunction(
      () => document.querySelector('#status')?.textContent === 'Word lists saved.',
    );
    const saved = await (
      await fetch(`${server.url}/api/admin/settings`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      })
    ).json();
    expect(saved).toEqual({ moderationWords: ['casino', 'poker'], blockWords: [] });
    expect(await statusLine()).toBe('Word lists saved.');
    expect(pageErrors).toEqual([]);
  });

  it('features a comment, replies as staff, closes the thread and bans the email with reason and name', async () => {
    const url = 'https://news.example/newsroom';
    await post({ url, body: 'Worth featuring', author: { name: 'Pia', email: 'pia@example.com' } });
    const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    const listed = await (
      await fetch(`${server.url}/api/admin/comments?url=${encodeURIComponent(url)}`, {
        headers: auth,
      })
    ).json();
    const id = listed.comments[0].id as number;
    await fetch(`${server.url}/api/admin/comments/${id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ status: 'approved' }),
    });
    const done = (text: string) =>
      page.waitForFunction((t) => document.querySelector('#status')?.textContent === t, {}, text);
    const item = `#comments li[data-id="${id}"]`;
    const publicThread = async () =>
      (await fetch(`${server.url}/api/threads?url=${encodeURIComponent(url)}`)).json();

    await page.click('.tabs button[data-status="approved"]');
    await page.waitForSelector(item);
    await page.click(`${item} [data-feature]`);
    await done('Featured.');
    expect(await page.$eval(`${item} .marks`, (e) => e.textContent)).toBe('featured');
    expect(await page.$eval(`${item} [data-feature]`, (e) => e.textContent)).toBe('Unfeature');

    await page.click(`${item} [data-staff-reply]`);
    await page.type(`${item} .staff-reply textarea`, 'Thanks, Pia.');
    await page.click(`${item} .staff-reply button`);
    await done('Staff reply posted.');
    const thread = await publicThread();
    expect(thread.featured.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(thread.comments[1]).toMatchObject({ parentId: id, staff: true });

    await page.click(`${item} [data-manage-thread]`);
    expect(await page.$eval('#thread-url', (e) => (e as HTMLInputElement).value)).toBe(url);
    await page.click('#thread [data-thread="close"]');
    await done('The thread is closed.');
    expect((await publicThread()).thread.closed).toBe(true);

    await page.click(`${item} [data-ban="email"]`);
    expect(await page.$eval('#ban-email', (e) => (e as HTMLInputElement).value)).toBe(
      'pia@example.com',
    );
    await page.type('#ban-reason', 'Testing bans');
    await page.type('#ban-by', 'Maria');
    await page.click('#ban button');
    await done('Banned.');
    const cells = await texts('#bans tr:first-child td');
    expect(cells.slice(0, 3)).toEqual(['pia@example.com', 'Testing bans', 'Maria']);
    expect(cells[4]).toBe('for good');

    await page.click('#bans [data-lift]');
    await done('Ban lifted.');
    expect(await texts('#bans tr')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('the /admin site picker', () => {
  let sites: RunningServer;
  let gazetteToken: string;
  let tab: Page;
  const errors: string[] = [];
  const bodies = () =>
    tab.$$eval('#comments .body', (els) => els.map((e) => e.textContent ?? '').sort());
  const showing = (expected: string[]) =>
    tab.waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll('#comments .body')].map((e) => e.textContent).sort(),
        ) === JSON.stringify(want),
      {},
      expected,
    );
  async function signIn(token: string) {
    await tab.type('#token', token);
    await tab.click('#login button');
    await tab.waitForSelector('#comments li');
  }

  beforeAll(async () => {
    sites = await startServer({ config: { adminToken: TOKEN, moderation: 'all' } });
    const res = await fetch(`${sites.url}/api/admin/sites`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        id: 'gazette',
        name: 'The Gazette',
        origins: ['https://gazette.example'],
      }),
    });
    expect(res.status).toBe(201);
    gazetteToken = (await res.json()).token;
    for (const [url, body] of [
      ['https://news.example/picked', 'News words'],
      ['https://gazette.example/picked', 'Gazette words'],
    ]) {
      const posted = await fetch(`${sites.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(newComment({ url, body })),
      });
      expect(posted.status).toBe(201);
    }
  });
  beforeEach(async () => {
    tab = await browser.newPage();
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(`${sites.url}/admin`);
  });
  afterEach(() => tab?.close());
  afterAll(() => sites?.close());

  it("shows the server admin a site picker, and each picked site's comments only", async () => {
    await signIn(TOKEN);
    await tab.waitForFunction(
      () => !(document.querySelector('#site-picker') as HTMLElement).hidden,
    );
    expect(await tab.$$eval('#site option', (os) => os.map((o) => o.textContent))).toEqual([
      'All sites',
      'The editors (default)',
      'The Gazette (gazette)',
    ]);
    expect(await bodies()).toEqual(['Gazette words', 'News words']);

    await tab.select('#site', 'gazette');
    await showing(['Gazette words']);
    await tab.select('#site', 'default');
    await showing(['News words']);
    await tab.select('#site', '');
    await showing(['Gazette words', 'News words']);
    expect(errors).toEqual([]);
  });

  it("shows a site's token its own comments and no picker, also after the server admin picked another site in the tab", async () => {
    await signIn(TOKEN);
    await tab.waitForFunction(
      () => !(document.querySelector('#site-picker') as HTMLElement).hidden,
    );
    await tab.select('#site', 'default');
    await showing(['News words']);
    await tab.click('#logout');

    await signIn(gazetteToken);
    await showing(['Gazette words']);
    expect(await tab.$eval('#site-picker', (e) => (e as HTMLElement).hidden)).toBe(true);
    expect(await tab.$eval('#status', (e) => e.classList.contains('error'))).toBe(false);
    expect(errors).toEqual([]);
  });
});
