import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main.js';
import { LANGUAGES, type ThreadResponse } from '../../server/schema/index.js';
import de from '../../widget/i18n/de.js';
import { en } from '../../widget/i18n/en.js';
import { enForm } from '../../widget/i18n/en-form.js';
import { enLater } from '../../widget/i18n/en-later.js';
import es from '../../widget/i18n/es.js';
import type { Formatted } from '../../widget/i18n/format.js';
import fr from '../../widget/i18n/fr.js';
import kk from '../../widget/i18n/kk.js';
import ru from '../../widget/i18n/ru.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const URL_A = 'https://news.example/articles/solar-towns';
const TITLE = 'Solar towns';

const fragment = (query: Record<string, string>, headers: Record<string, string> = {}) =>
  t.call(
    'GET',
    `/api/threads/html?${new URLSearchParams({ url: URL_A, ...query })}`,
    undefined,
    headers,
  );

async function post(over: Record<string, unknown> = {}) {
  const res = await t.call(
    'POST',
    '/api/comments',
    newComment({ url: URL_A, title: TITLE, ...over }),
  );
  expect(res.status).toBe(201);
  return (await res.json()).comment as { id: number };
}

/** The contents of every `<script type=…>` of that type in the fragment. */
const scripts = (html: string, type: string) =>
  [
    ...html.matchAll(
      new RegExp(`<script type="${type.replace('+', '\\+')}">([\\s\\S]*?)</script>`, 'g'),
    ),
  ].map((m) => m[1]!);

describe('GET /api/threads/html', () => {
  it('renders the thread into a declarative shadow root that readers without JavaScript can read', async () => {
    const first = await post({ body: 'Lease the **land**, not the sky.' });
    await post({ body: 'A reply underneath.', parentId: first.id });
    const res = await fragment({});
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(
      /^(<!--[^>]*-->)*<confab-comments[^>]* page="https:\/\/news\.example\/articles\/solar-towns"/,
    );
    expect(html).toContain('<template shadowroot="open" shadowrootmode="open">');
    expect(html).toContain('2 thoughts on “Solar towns”');
    expect(html).toContain('Lease the <strong>land</strong>, not the sky.');
    expect(html).toContain('A reply underneath.');
    expect(html).toContain('May 31, 2016 at 6:24 am');
    // The whole form, at its final size, is part of it: nothing appears around it later.
    for (const part of ['form', 'tabs', 'remember', 'submit', 'reply-button', 'sort'])
      expect(html).toContain(`part="${part}"`);
    expect(html).toContain(
      `<script type="module" fetchpriority="low" src="${t.config.publicUrl}/embed.js"></script>`,
    );
  });

  it('carries the page as JSON for the widget to hydrate from, the same page GET /api/threads answers', async () => {
    await post();
    const html = await (await fragment({})).text();
    const [json] = scripts(html, 'application/json');
    const api = await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`);
    expect(JSON.parse(json!)).toEqual(await api.json());
  });

  it('carries the dates, counts and plurals its markup shows, so the widget hydrates without formatting any', async () => {
    const first = await post();
    await post({ body: 'A reply underneath.', parentId: first.id });
    const html = await (await fragment({})).text();
    const json = /<script type="application\/json" data-formatted>(.*?)<\/script>/.exec(html)?.[1];
    const page = (await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json()) as ThreadResponse;
    const formatted = JSON.parse(json!) as Formatted;
    // Every comment's date, as the markup writes it, and the heading's count with its plural category.
    expect(Object.keys(formatted.dates).sort()).toEqual(
      [...new Set(page.comments.map((c) => c.createdAt))].sort(),
    );
    const shown = [...html.matchAll(/<time part="time"[^>]*>([\s\S]*?)<\/time>/g)].map((m) =>
      m[1]!.replace(/<!--[\s\S]*?-->/g, ''),
    );
    expect(new Set(shown)).toEqual(new Set(Object.values(formatted.dates)));
    expect(formatted.numbers[2]).toBe('2');
    expect(formatted.plurals[2]).toBe('other');
    expect(json).not.toContain('<');
  });

  it('escapes what commenters wrote, in the markup and in both scripts', async () => {
    const attack = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';
    await post({ body: attack, author: { name: attack, email: 'eve@example.com' } });
    const html = await (await fragment({})).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    const [json] = scripts(html, 'application/json');
    expect(json).not.toContain('<');
    expect((JSON.parse(json!) as ThreadResponse).comments[0]!.author.name).toBe(attack);
    const [ld] = scripts(html, 'application/ld+json');
    expect(ld).not.toContain('<');
  });

  it('describes the conversation as schema.org DiscussionForumPosting with nested Comments', async () => {
    const first = await post({
      body: 'Top & *first*',
      author: { name: 'Ann', email: 'ann@example.com', website: 'https://ann.example' },
    });
    const reply = await post({ body: 'Under it', parentId: first.id });
    const [ld] = scripts(await (await fragment({})).text(), 'application/ld+json');
    const data = JSON.parse(ld!);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'DiscussionForumPosting',
      url: URL_A,
      headline: TITLE,
      commentCount: 2,
    });
    expect(data.comment).toHaveLength(1);
    expect(data.comment[0]).toEqual({
      '@type': 'Comment',
      '@id': `${URL_A}#comment-${first.id}`,
      url: `${URL_A}#comment-${first.id}`,
      author: { '@type': 'Person', name: 'Ann', url: 'https://ann.example' },
      datePublished: '2016-05-31T06:24:00.000Z',
      text: 'Top & first',
      comment: [
        expect.objectContaining({
          '@type': 'Comment',
          '@id': `${URL_A}#comment-${reply.id}`,
          text: 'Under it',
        }),
      ],
    });
  });

  it('answers 304 to its ETag until the thread changes, and tells each language and theme apart', async () => {
    await post({ body: 'The first.' });
    const res = await fragment({});
    const etag = res.headers.get('ETag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect((await fragment({}, { 'If-None-Match': etag })).status).toBe(304);
    const german = await fragment({ lang: 'de' });
    expect(german.headers.get('ETag')).not.toBe(etag);
    expect((await fragment({ theme: 'dark' })).headers.get('ETag')).not.toBe(etag);
    await post({ body: 'The second.' });
    const changed = await fragment({}, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
  });

  it('is compressed for clients that accept it', async () => {
    for (let i = 0; i < 3; i++) await post({ body: `Comment number ${i}` });
    const res = await fragment({}, { 'Accept-Encoding': 'gzip' });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
  });

  it('speaks every language of the widget, words and dates', async () => {
    await post();
    const catalogues = { en: { ...en, ...enForm, ...enLater }, de, es, fr, kk, ru };
    expect(Object.keys(catalogues).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) {
      const html = await (await fragment({ lang })).text();
      expect(html, lang).toContain(`lang="${lang}"`);
      expect(html, lang).toContain(
        catalogues[lang].heading.one!.replace('{title}', TITLE).replace('{count}', '1'),
      );
      expect(html, lang).toContain(catalogues[lang].submit);
    }
  });

  it('refuses a missing or invalid address, an unknown language or theme with 400', async () => {
    for (const query of [
      '',
      'url=javascript:alert(1)',
      `url=${URL_A}&lang=xx`,
      `url=${URL_A}&theme=neon`,
    ]) {
      const res = await t.call('GET', `/api/threads/html?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_request');
    }
  });
});

describe('confab render', () => {
  it('prints, from DATABASE_URL and without a server, what the route answers, for a static site to include', async () => {
    await post({ body: 'Built into the page.' });
    const saved = { db: process.env.DATABASE_URL, url: process.env.CONFAB_PUBLIC_URL };
    process.env.DATABASE_URL = `file:${t.dbPath}`;
    process.env.CONFAB_PUBLIC_URL = 'https://comments.news.example';
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    try {
      expect(await runCli(['render', URL_A, '--lang', 'de'], io)).toBe(0);
      expect(await runCli(['render'], io)).toBe(2);
      expect(await runCli(['render', URL_A, '--theme', 'neon'], io)).toBe(1);
    } finally {
      for (const [name, value] of Object.entries({
        DATABASE_URL: saved.db,
        CONFAB_PUBLIC_URL: saved.url,
      }))
        if (value === undefined) delete process.env[name];
    }
    const [html] = out;
    expect(html).toContain('Built into the page.');
    expect(html).toContain('Ein Gedanke zu „Solar towns“');
    expect(html).toContain(
      '<script type="module" fetchpriority="low" src="https://comments.news.example/embed.js"></script>',
    );
    expect(err[0]).toMatch(/^confab render: give one page address/);
    expect(err[1]).toMatch(/^confab render: .*theme/);
  });
});
