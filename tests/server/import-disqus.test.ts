import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main.js';
import type { ConfabExport } from '../../server/schema/export.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { createTestDatabase } from '../support/pg.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const FIXTURE = join(import.meta.dirname, 'fixtures', 'disqus-small.xml');
const DISQUS = readFileSync(FIXTURE, 'utf8');
// Thread keys as Confab stores them: the file's `/cafe/` loses its trailing slash (README, thread identity).
const CAFE = 'https://blog.example/2021/05/cafe';
const SECOND = 'https://blog.example/2021/06/second';

const REFUSED = [
  {
    id: '9005',
    line: 85,
    reason: 'unknown_parent',
    message: 'the comment it replies to is not in the file',
  },
  { id: '9006', line: 98, reason: 'no_date', message: 'it has no valid date' },
];

const apps: TestApp[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const c of cleanups.splice(0)) await c();
});

type Engine = 'SQLite' | 'PostgreSQL';

async function open(engine: Engine = 'SQLite') {
  let store: Awaited<ReturnType<typeof openPostgresStore>> | undefined;
  if (engine === 'PostgreSQL') {
    const db = await createTestDatabase();
    store = await openPostgresStore(db.url);
    cleanups.push(() => db.drop());
  }
  const t = await createTestApp({ config: { adminToken: TOKEN }, ...(store ? { store } : {}) });
  apps.push(t);
  return t;
}

const importDisqus = (t: TestApp, xml: string, type = 'application/xml') =>
  t.call('POST', '/api/admin/import?format=disqus', xml, { ...admin, 'Content-Type': type });

async function exported(t: TestApp): Promise<ConfabExport> {
  const res = await t.call('GET', '/api/admin/export', undefined, admin);
  expect(res.status).toBe(200);
  return res.json();
}

const thread = async (t: TestApp, url: string) =>
  (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json();

/** The account of importing `xml` into a new database, and the export of what it stored. */
async function importAndExport(xml: string) {
  const t = await open();
  const res = await importDisqus(t, xml);
  expect(res.status).toBe(200);
  return { account: await res.json(), data: await exported(t) };
}

describe('Disqus import', () => {
  it('maps threads to URLs with decoded titles and posts to comments with parents, UTC dates and statuses', async () => {
    const { account, data } = await importAndExport(DISQUS);
    expect(account.refused).toEqual(REFUSED);
    expect(data.threads.map(({ url, title, createdAt }) => ({ url, title, createdAt }))).toEqual([
      { url: CAFE, title: "Café culture & O'Brien’s", createdAt: '2021-05-01T08:00:00.000Z' },
      { url: SECOND, title: 'Второй', createdAt: '2021-06-01T09:00:00.000Z' },
    ]);
    // Numbered by time: Zoë's post comes second in the file but first in time.
    expect(
      data.comments.map((c) => [c.id, c.parentId, c.status, c.author.name, c.author.email]),
    ).toEqual([
      [1, null, 'approved', 'Zoë Åberg', 'zoe@example.com'],
      [2, 1, 'approved', 'Ōno Hiroshi', ''],
      [3, 1, 'deleted', 'Del', 'del@example.com'],
      [4, null, 'spam', 'Pills', 'spam@pills.example'],
      // It answered the undated post, which was refused: it moves up to the top level.
      [5, null, 'approved', 'Rep', 'rep@example.com'],
      [6, null, 'approved', 'Иван', 'ivan@example.ru'],
    ]);
    // +02:00 in the file, UTC here.
    expect(data.comments[5]!.createdAt).toBe('2021-06-01T10:00:00.000Z');
    expect(data.comments[1]!.body).toBe(
      'Agreed, **Zoë**! Here is how:\n\n1.  grind\n2.  brew\n    -   slowly',
    );
  });

  it('refuses and counts posts whose thread is missing or unusable and a second post with the same id', async () => {
    const post = (id: string, thread: string) =>
      `<post dsq:id="${id}"><message>&lt;p&gt;Hi&lt;/p&gt;</message><createdAt>2021-01-01T00:00:00Z</createdAt>` +
      `<author><name>A</name></author><thread dsq:id="${thread}"/></post>`;
    const xml = [
      '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">',
      `<thread dsq:id="long"><link>https://blog.example/${'x'.repeat(3000)}</link></thread>`,
      '<thread dsq:id="ok"><link>https://blog.example/ok</link></thread>',
      post('1', 'ok'),
      post('1', 'ok'),
      post('2', 'gone'),
      post('3', 'long'),
      '</disqus>',
    ].join('\n');
    const { account, data } = await importAndExport(xml);
    expect(data.comments.map((c) => c.thread)).toEqual(['https://blog.example/ok']);
    expect(data.threads.map((t) => t.url)).toEqual(['https://blog.example/ok']);
    expect(
      account.refused.map((r: { id: string; line: number; reason: string }) => [
        r.id,
        r.line,
        r.reason,
      ]),
    ).toEqual([
      ['1', 5, 'duplicate_id'],
      ['2', 6, 'unknown_thread'],
      ['3', 7, 'unknown_thread'],
    ]);
  });

  it('names the line of a broken file and refuses XML that is not a Disqus export', async () => {
    const t = await open();
    const broken = await importDisqus(t, DISQUS.replace('</post>', ''));
    expect((await broken.json()).error.message).toMatch(
      /^The file is not valid XML: .+ \(line \d+\)\.$/,
    );
    const rss = await importDisqus(t, '\n\n<rss><channel/></rss>');
    expect((await rss.json()).error.message).toBe(
      'The file is XML but not a Disqus export: it starts with <rss>, not <disqus> (line 3).',
    );
  });
});

describe.each<Engine>(['SQLite', 'PostgreSQL'])(
  'POST /api/admin/import?format=disqus on %s',
  (engine) => {
    it('answers with the account and readers see the conversation as Disqus showed it', async () => {
      const t = await open(engine);
      const res = await importDisqus(t, DISQUS);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        threads: { created: 2, existing: 0 },
        comments: { imported: 6, skipped: 0, refused: 2 },
        refused: REFUSED,
      });

      const cafe = await thread(t, CAFE);
      expect(cafe.thread).toEqual({
        url: CAFE,
        title: "Café culture & O'Brien’s",
        count: 3,
        closed: false,
      });
      expect(
        cafe.comments.map((c: { id: number; parentId: number | null; status: string }) => [
          c.id,
          c.parentId,
          c.status,
        ]),
      ).toEqual([
        [1, null, 'approved'],
        [2, 1, 'approved'],
        [3, 1, 'deleted'],
        [5, null, 'approved'],
      ]);
      expect(cafe.comments[0].html).toBe(
        '<p>Zoë says: ¯\\_(ツ)_/¯ — __init__ is *not* bold.</p>\n<p>1. not a list<br>\n[text](<a href="https://x.example" rel="nofollow ugc noopener">https://x.example</a>)</p>\n',
      );
      expect(cafe.comments[1].html).toBe(
        '<p>Agreed, <strong>Zoë</strong>! Here is how:</p>\n<ol>\n<li>grind</li>\n<li>brew\n<ul>\n<li>slowly</li>\n</ul>\n</li>\n</ol>\n',
      );
      expect(JSON.stringify(cafe)).not.toContain('@');
      const stats = await (await t.call('GET', '/api/admin/stats', undefined, admin)).json();
      expect(stats).toEqual({
        counts: { approved: 4, pending: 0, spam: 1, deleted: 1 },
        threads: 2,
      });

      const again = await importDisqus(t, DISQUS);
      expect(await again.json()).toMatchObject({
        threads: { created: 0, existing: 2 },
        comments: { imported: 0, skipped: 6, refused: 2 },
      });
    });

    it('goes Disqus → Confab → export → import into an empty database → the same export', async () => {
      const source = await open(engine);
      expect((await importDisqus(source, DISQUS)).status).toBe(200);
      const first = await exported(source);
      const target = await open(engine);
      const res = await t_import(target, first);
      expect(res).toMatchObject({ comments: { imported: 6, skipped: 0, refused: 0 } });
      const { exportedAt: _a, ...one } = first;
      const { exportedAt: _b, ...two } = await exported(target);
      expect(two).toEqual(one);
      expect(one.comments.filter((c) => c.author.email === '').map((c) => c.author.name)).toEqual([
        'Ōno Hiroshi',
      ]);
    });
  },
);

async function t_import(t: TestApp, data: ConfabExport) {
  const res = await t.call('POST', '/api/admin/import?format=confab', data, admin);
  expect(res.status).toBe(200);
  return res.json();
}

describe('empty emails from Disqus', () => {
  it('survive an author erasure by someone else’s email and stay out of every public answer', async () => {
    const t = await open();
    await importDisqus(t, DISQUS);
    const res = await t.call('DELETE', '/api/admin/authors/zoe%40example.com', undefined, admin);
    expect(await res.json()).toEqual({ anonymised: 1, erased: 0, placeholders: 0 });
    const data = await exported(t);
    expect(data.comments.find((c) => c.id === 2)!.author).toEqual({
      name: 'Ōno Hiroshi',
      email: '',
      website: null,
    });
    const mine = await t.call('GET', '/api/admin/authors/%20/export', undefined, admin);
    expect(mine.status).toBe(400);
  });
});

describe('confab import --format disqus', () => {
  it('streams the file into DATABASE_URL and prints the account with each refusal and its line', async () => {
    const t = await open();
    const saved = process.env.DATABASE_URL;
    cleanups.push(() => {
      process.env.DATABASE_URL = saved;
    });
    process.env.DATABASE_URL = `file:${t.dbPath}`;
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    expect(await runCli(['import', '--format', 'disqus', FIXTURE], io)).toBe(0);
    expect(out).toEqual([
      'Imported 6 comments (0 already there) in 2 new and 0 existing threads.',
      'Refused 2 comments of the file:',
      '  - line 85, id 9005: the comment it replies to is not in the file (unknown_parent)',
      '  - line 98, id 9006: it has no valid date (no_date)',
    ]);
    expect((await thread(t, SECOND)).comments).toHaveLength(1);

    const dir = mkdtempSync(join(tmpdir(), 'confab-disqus-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const broken = join(dir, 'broken.xml');
    // A prefix nobody declared, one line below this post's start tag.
    writeFileSync(
      broken,
      DISQUS.replace('<post dsq:id="9004">', '<post dsq:id="9004">\n<x:oops/>'),
    );
    const line = DISQUS.split('\n').findIndex((l) => l.includes('<post dsq:id="9004">')) + 2;
    expect(await runCli(['import', '--format', 'disqus', broken], io)).toBe(1);
    expect(err.join('\n')).toContain(
      `nothing was imported. The file is not valid XML: unbound namespace prefix: "x" (line ${line}).`,
    );
  });
});

describe('POST /api/admin/import?format=disqus errors', () => {
  it('returns 415 when the file is not sent as XML and 400 naming the line when it is broken', async () => {
    const t = await open();
    const plain = await importDisqus(t, DISQUS, 'text/plain');
    expect(plain.status).toBe(415);
    expect((await plain.json()).error.code).toBe('unsupported_media_type');
    const broken = await importDisqus(t, DISQUS.slice(0, 1500));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toEqual({
      code: 'invalid_request',
      message: expect.stringMatching(/^The file is not valid XML: .+ \(line \d+\)\.$/),
      fields: { body: 'must be a Disqus export (XML) file' },
    });
    expect(await t.store.countThreads()).toBe(0);
  });
});
