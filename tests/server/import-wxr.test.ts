import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfabExport, ImportResult } from '../../server/schema/export.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const SMALL = readFileSync(join(import.meta.dirname, 'fixtures', 'wxr-small.xml'), 'utf8');
/** WordPress's theme unit test data, shared between projects; never copied into this repository. */
const THEME_UNIT_TEST = '/work/shared/fixtures/wordpress-theme-unit-test.wxr.xml';

function themeUnitTest(): string {
  if (!existsSync(THEME_UNIT_TEST)) {
    throw new Error(
      `The WordPress fixture is missing: ${THEME_UNIT_TEST} should hold WordPress's theme unit test export (WXR).`,
    );
  }
  return readFileSync(THEME_UNIT_TEST, 'utf8');
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const importWxr = (app: TestApp, xml: string, type = 'application/xml') =>
  app.call('POST', '/api/admin/import?format=wxr', xml, { ...admin, 'Content-Type': type });

/** The account of importing `xml` into a new database, and the export of what it stored. */
async function importAndExport(
  xml: string,
): Promise<{ account: ImportResult; data: ConfabExport }> {
  t = await createTestApp({ config: { adminToken: TOKEN } });
  const res = await importWxr(t, xml);
  expect(res.status).toBe(200);
  const data = await (await t.call('GET', '/api/admin/export', undefined, admin)).json();
  return { account: await res.json(), data };
}

describe('WordPress import', () => {
  it('keeps WordPress ids, nesting and statuses, refusing pingbacks and trash with their lines', async () => {
    const { account, data } = await importAndExport(SMALL);
    expect(account.refused).toEqual([
      { id: '104', line: 64, reason: 'trashed', message: 'it was in the trash' },
      {
        id: '106',
        line: 86,
        reason: 'not_a_comment',
        message: 'it is a pingback or trackback, not a comment',
      },
    ]);
    expect(data.threads.map(({ url, title, createdAt }) => ({ url, title, createdAt }))).toEqual([
      { url: 'https://blog.example/about', title: 'About', createdAt: '2019-12-31T23:59:59.000Z' },
      {
        url: 'https://blog.example/2020/01/hello',
        title: 'Hello & welcome',
        createdAt: '2020-01-02T11:04:05.000Z',
      },
    ]);
    expect(data.comments.map((c) => [c.id, c.parentId, c.status, c.thread])).toEqual([
      [100, null, 'approved', 'https://blog.example/2020/01/hello'],
      [101, 100, 'approved', 'https://blog.example/2020/01/hello'],
      [102, 101, 'pending', 'https://blog.example/2020/01/hello'],
      [103, null, 'spam', 'https://blog.example/2020/01/hello'],
      // 105 answered the trashed 104: it hangs from 104's parent instead.
      [105, 100, 'approved', 'https://blog.example/2020/01/hello'],
      [200, null, 'approved', 'https://blog.example/about'],
    ]);
    expect(data.comments[0]).toMatchObject({
      id: 100,
      thread: 'https://blog.example/2020/01/hello',
      parentId: null,
      author: { name: 'Ann', email: 'ann@example.com', website: 'https://ann.example/' },
      body: 'First!',
      status: 'approved',
      createdAt: '2020-01-02T11:04:05.000Z',
      editedAt: null,
    });
  });

  it('drops an invalid email or website and turns comment HTML into Markdown', async () => {
    const fay = (await importAndExport(SMALL)).data.comments.find((c) => c.id === 200)!;
    expect(fay.author).toEqual({ name: 'Fay', email: '', website: null });
    expect(fay.body).toBe(
      '**Bold** & *true*: see [the docs](https://docs.example/x) or this.\n\n> Quoted line\n\nalert(1)',
    );
  });

  it('refuses a file that is not XML, or XML that is not a WordPress export', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const message = async (xml: string) => (await (await importWxr(t!, xml)).json()).error.message;
    expect(await message('<rss><channel>')).toMatch(/not valid XML/);
    expect(await message('<html><body/></html>')).toMatch(/not a WordPress export/);
    expect(await message('<rss version="2.0"></rss>')).toMatch(/no <rss><channel>/);
  });
});

describe('POST /api/admin/import?format=wxr', () => {
  it('imports the small fixture: readers see the approved comments nested, the admin sees the rest', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const res = await importWxr(t, SMALL);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      threads: { created: 2, existing: 0 },
      comments: { imported: 6, skipped: 0, refused: 2 },
      refused: [
        { id: '104', line: 64, reason: 'trashed', message: 'it was in the trash' },
        {
          id: '106',
          line: 86,
          reason: 'not_a_comment',
          message: 'it is a pingback or trackback, not a comment',
        },
      ],
    });

    const page = await (
      await t.call(
        'GET',
        `/api/threads?url=${encodeURIComponent('https://blog.example/2020/01/hello')}`,
      )
    ).json();
    expect(page.thread).toEqual({
      url: 'https://blog.example/2020/01/hello',
      title: 'Hello & welcome',
      count: 3,
      closed: false,
    });
    expect(
      page.comments.map((c: { id: number; parentId: number | null }) => [c.id, c.parentId]),
    ).toEqual([
      [100, null],
      [101, 100],
      [105, 100],
    ]);
    const stats = await (await t.call('GET', '/api/admin/stats', undefined, admin)).json();
    expect(stats).toEqual({ counts: { approved: 4, pending: 1, spam: 1, deleted: 0 }, threads: 2 });

    const again = await importWxr(t, SMALL, 'text/xml; charset=utf-8');
    expect(await again.json()).toMatchObject({
      threads: { created: 0, existing: 2 },
      comments: { imported: 0, skipped: 6, refused: 2 },
    });
  });

  it('imports WordPress theme unit test data with its deep nesting and held comments', async () => {
    const xml = themeUnitTest();
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const res = await importWxr(t, xml);
    expect(res.status).toBe(200);
    const account = await res.json();
    // The four others are pingbacks, each refused and named.
    expect(account).toMatchObject({
      threads: { created: 7, existing: 0 },
      comments: { imported: 29, skipped: 0, refused: 4 },
    });
    expect(account.refused.map((r: { reason: string }) => r.reason)).toEqual(
      Array(4).fill('not_a_comment'),
    );

    const url = 'https://wpthemetestdata.wordpress.com/2012/01/03/template-comments/';
    const page = await (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json();
    expect(page.thread.title).toBe('Template: Comments');
    const depth10 = page.comments.find((c: { html: string }) =>
      c.html.includes('Comment Depth 10'),
    );
    expect(depth10).toBeDefined();
    // Each "Comment Depth N" replies to N-1, ten levels down from 904.
    const byId = new Map(
      page.comments.map((c: { id: number; parentId: number | null }) => [c.id, c.parentId]),
    );
    let levels = 0;
    for (
      let id: number | null = depth10.id;
      id !== null;
      id = (byId.get(id) as number | null) ?? null
    )
      levels++;
    expect(levels).toBe(10);

    const held = await (
      await t.call('GET', '/api/admin/comments?status=pending', undefined, admin)
    ).json();
    expect(held.comments.map((c: { id: number }) => c.id).sort()).toEqual([1015, 1016, 1017]);
    const greek = await (
      await t.call(
        'GET',
        `/api/admin/comments?q=${encodeURIComponent('Σίγουρα')}`,
        undefined,
        admin,
      )
    ).json();
    expect(greek.comments).toHaveLength(1);
  });

  it('goes WXR → Confab → export → import into an empty database → the same export', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    expect((await importWxr(t, SMALL)).status).toBe(200);
    expect((await importWxr(t, themeUnitTest())).status).toBe(200);
    const exported = async (app: TestApp) => {
      const { exportedAt: _, ...rest } = await (
        await app.call('GET', '/api/admin/export', undefined, admin)
      ).json();
      return rest;
    };
    const first = await exported(t);
    const target = await createTestApp({ config: { adminToken: TOKEN } });
    try {
      const res = await target.call(
        'POST',
        '/api/admin/import',
        { ...first, exportedAt: '2024-01-01T00:00:00.000Z' },
        admin,
      );
      expect(res.status).toBe(200);
      expect(await exported(target)).toEqual(first);
      expect(first.comments).toHaveLength(35);
    } finally {
      await target.close();
    }
  });

  it('returns 400 with a clear message for a broken file and writes nothing', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const res = await importWxr(t, SMALL.slice(0, 2000));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({
      code: 'invalid_request',
      message: expect.stringMatching(/^The file is not valid XML: .+ \(line \d+\)\.$/),
      fields: { body: 'must be a WordPress export (WXR) file' },
    });
    expect(await t.store.countThreads()).toBe(0);
  });

  it('returns 415 when the file is not sent as XML', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const res = await importWxr(t, SMALL, 'text/plain');
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });
});
