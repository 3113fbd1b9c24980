import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
