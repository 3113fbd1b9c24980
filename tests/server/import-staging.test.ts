import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres.js';
import { T0 } from '../support/draft-comment.js';
import { createTestDatabase } from '../support/pg.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

/**
 * A file is held in the database while it is read (issue 15), never in memory: these are the promises
 * that come with it. Replies may come before their parents; a failure leaves nothing behind, staging
 * included; imports side by side, or beside readers posting, keep to their own rows.
 */

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const STAGING = ['imports', 'import_threads', 'import_comments'] as const;

interface Opened {
  t: TestApp;
  /** Rows left in the staging tables, read beside the app. */
  staged(): Promise<number>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(engine: 'SQLite' | 'PostgreSQL'): Promise<Opened> {
  if (engine === 'PostgreSQL') {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const t = await createTestApp({
      config: { adminToken: TOKEN },
      store: await openPostgresStore(db.url),
    });
    cleanups.push(() => t.close());
    return {
      t,
      async staged() {
        let n = 0;
        for (const table of STAGING)
          n += Number((await db.query<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
        return n;
      },
    };
  }
  const t = await createTestApp({ config: { adminToken: TOKEN } });
  cleanups.push(() => t.close());
  return {
    t,
    async staged() {
      const db = new Database(t.dbPath, { readonly: true });
      try {
        return STAGING.reduce(
          (n, table) =>
            n + (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
          0,
        );
      } finally {
        db.close();
      }
    },
  };
}

const post = (id: string, thread: string, parent: string | null, minute: number) =>
  `<post dsq:id="${id}"><message><![CDATA[<p>Post ${id}</p>]]></message>` +
  `<createdAt>${new Date(T0 + minute * 60_000).toISOString()}</createdAt>` +
  `<author><email>${id}@example.com</email><name>Reader ${id}</name></author>` +
  `<thread dsq:id="${thread}"/>${parent ? `<parent dsq:id="${parent}"/>` : ''}</post>`;

const thread = (id: string, link: string) =>
  `<thread dsq:id="${id}"><link>${link}</link><title>Article ${id}</title></thread>`;

const disqus = (...parts: string[]) =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">',
    ...parts,
    '</disqus>',
  ].join('\n');

const importDisqus = (t: TestApp, xml: string, query = '') =>
  t.call('POST', `/api/admin/import?format=disqus${query}`, xml, {
    ...admin,
    'Content-Type': 'application/xml',
  });

const stats = async (t: TestApp) =>
  (await t.call('GET', '/api/admin/stats', undefined, admin)).json();

describe.each(['SQLite', 'PostgreSQL'] as const)('a staged import on %s', (engine) => {
  it('hangs a reply listed before its parent, and a reply to that reply listed first of all, from them', async () => {
    const { t, staged } = await open(engine);
    const url = 'https://news.example/order';
    const res = await importDisqus(
      t,
      disqus(
        post('grandchild', 't', 'child', 3),
        post('child', 't', 'parent', 2),
        thread('t', url),
        post('parent', 't', null, 1),
      ),
    );
    expect(await res.json()).toEqual({
      threads: { created: 1, existing: 0 },
      comments: { imported: 3, skipped: 0, refused: 0 },
      refused: [],
    });
    const page = await (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json();
    // Numbered by time: the parent, written first, is 1.
    expect(
      page.comments.map((c: { id: number; parentId: number | null }) => [c.id, c.parentId]),
    ).toEqual([
      [1, null],
      [2, 1],
      [3, 2],
    ]);
    expect(await t.store.getComment({ id: 3 })).toMatchObject({ depth: 2, rootId: 1 });
    expect(await staged()).toBe(0);
  });

  it('leaves no comments and no staged rows when the file breaks at its very end', async () => {
    const { t, staged } = await open(engine);
    const posts = Array.from({ length: 1200 }, (_, i) => post(`p${i}`, 't', null, i));
    const whole = disqus(thread('t', 'https://news.example/broken'), ...posts);
    // Every post is read and staged before the parser meets the missing end tag.
    const res = await importDisqus(t, whole.slice(0, whole.lastIndexOf('</disqus>')));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(
      /^The file is not valid XML: .+ \(line \d+\)\.$/,
    );
    expect(await t.store.countThreads()).toBe(0);
    expect(await stats(t)).toMatchObject({ counts: { approved: 0 } });
    expect(await staged()).toBe(0);
  });

  it('leaves no comments and no staged rows when the whole file was read and then refused', async () => {
    const { t, staged } = await open(engine);
    await t.store.insertSite({
      id: 'gazette',
      name: 'The Gazette',
      origins: ['https://gazette.example'],
      hosts: ['gazette.example'],
      tokenHash: null,
      settings: {},
      createdAt: T0,
    });
    const res = await importDisqus(
      t,
      disqus(
        thread('ours', 'https://gazette.example/a'),
        thread('theirs', 'https://news.example/b'),
        post('1', 'ours', null, 1),
        post('2', 'theirs', null, 2),
      ),
      '&site=gazette',
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({
      code: 'invalid_request',
      message: 'The import has threads of another site.',
      fields: { body: 'has a thread (line 4) on a host of the site "default", not of "gazette"' },
    });
    expect(await t.store.countThreads()).toBe(0);
    expect(await staged()).toBe(0);
  });

  it('keeps two imports at once apart, though their files use the same ids', async () => {
    const { t, staged } = await open(engine);
    const file = (name: string) =>
      disqus(
        thread('t', `https://news.example/${name}`),
        ...Array.from({ length: 700 }, (_, i) =>
          post(String(i), 't', i % 2 === 1 ? String(i - 1) : null, i),
        ),
      );
    const [a, b] = await Promise.all([
      importDisqus(t, file('first')),
      importDisqus(t, file('second')),
    ]);
    for (const res of [a, b])
      expect(await res.json()).toEqual({
        threads: { created: 1, existing: 0 },
        comments: { imported: 700, skipped: 0, refused: 0 },
        refused: [],
      });
    const count = async (name: string) =>
      (
        await t.call('GET', `/api/counts?url=${encodeURIComponent(`https://news.example/${name}`)}`)
      ).json();
    expect(await count('first')).toEqual({ counts: { 'https://news.example/first': 700 } });
    expect(await count('second')).toEqual({ counts: { 'https://news.example/second': 700 } });
    expect(await staged()).toBe(0);
  });

  it('stores a comment posted while an import runs, and every imported one', async () => {
    const { t, staged } = await open(engine);
    const posts = Array.from({ length: 700 }, (_, i) => post(`p${i}`, 't', null, i));
    const [imported, posted] = await Promise.all([
      importDisqus(t, disqus(thread('t', 'https://news.example/busy'), ...posts)),
      t.call('POST', '/api/comments', newComment({ url: 'https://news.example/busy' })),
    ]);
    expect(posted.status).toBe(201);
    expect(await imported.json()).toMatchObject({ comments: { imported: 700, refused: 0 } });
    const { comment } = await posted.json();
    expect((await t.store.getComment({ id: comment.id }))?.body).toBe(
      'While it may be fair to lease land…',
    );
    expect(await stats(t)).toMatchObject({ counts: { approved: 701 } });
    expect(await staged()).toBe(0);
  });
});
