import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main.js';
import type { ConfabExport } from '../../server/schema/export.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { createTestDatabase } from '../support/pg.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const URL_A = 'https://news.example/a';
const URL_B = 'https://news.example/b?page=2';

/** What a version 2 export says of a thread nobody closed, dated or retitled. */
const OPEN_THREAD = { closed: null, publishedAt: null, titleLocked: false };

const apps: TestApp[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const c of cleanups.splice(0)) await c();
});

async function open(opts: Parameters<typeof createTestApp>[0] = {}) {
  const t = await createTestApp({
    ...opts,
    config: { adminToken: TOKEN, editWindowSeconds: 3600, ...opts.config },
  });
  apps.push(t);
  return t;
}

async function post(t: TestApp, over: Record<string, unknown>) {
  t.clock.advance(60_000);
  const res = await t.call('POST', '/api/comments', newComment(over));
  expect(res.status).toBe(201);
  return (await res.json()) as { comment: { id: number }; editToken: string };
}

/** A site with every shape an export must carry: nesting, each status, edits, placeholders, an erased author, word lists. */
async function seed(t: TestApp) {
  const a1 = await post(t, {
    url: URL_A,
    title: 'Article A',
    body: 'Top *one*',
    author: { name: 'Ann', email: 'ann@example.com', website: 'https://ann.example' },
  });
  const a2 = await post(t, {
    url: URL_A,
    parentId: a1.comment.id,
    body: 'Reply',
    author: { name: 'Bob', email: 'bob@example.com' },
  });
  const a3 = await post(t, {
    url: URL_A,
    parentId: a2.comment.id,
    body: 'Deeper',
    author: { name: 'Cy', email: 'cy@example.com' },
  });
  const a4 = await post(t, {
    url: URL_A,
    body: 'Held back',
    author: { name: 'Di', email: 'di@example.com' },
  });
  const b1 = await post(t, {
    url: URL_B,
    title: 'Article B',
    body: 'Spammy',
    author: { name: 'Ed', email: 'ed@example.com' },
  });
  const b2 = await post(t, {
    url: URL_B,
    body: 'To be edited',
    author: { name: 'Fay', email: 'fay@example.com' },
  });
  const b3 = await post(t, {
    url: URL_B,
    parentId: b2.comment.id,
    body: 'Under a deleted one',
    author: { name: 'Gus', email: 'gus@example.com' },
  });
  const b4 = await post(t, {
    url: URL_B,
    body: 'Trashed by the admin',
    author: { name: 'Hal', email: 'hal@example.com' },
  });
  // Its reply keeps the comment the admin marks deleted, words and all, for the export to carry.
  await post(t, {
    url: URL_B,
    parentId: b4.comment.id,
    body: 'Answering the trashed one',
    author: { name: 'Ivy', email: 'ivy@example.com' },
  });
  await t.call('PATCH', `/api/admin/comments/${a4.comment.id}`, { status: 'pending' }, admin);
  await t.call('PATCH', `/api/admin/comments/${b1.comment.id}`, { status: 'spam' }, admin);
  await t.call(
    'PATCH',
    `/api/admin/comments/${b2.comment.id}`,
    { body: 'Edited by the **admin**' },
    admin,
  );
  await t.call('PATCH', `/api/admin/comments/${b4.comment.id}`, { status: 'deleted' }, admin);
  // The author deletes a comment with a reply: it stays as a placeholder.
  await t.call('DELETE', `/api/comments/${b2.comment.id}`, undefined, {
    Authorization: `Bearer ${b2.editToken}`,
  });
  await t.call('DELETE', '/api/admin/authors/cy%40example.com', undefined, admin);
  await t.call(
    'PUT',
    '/api/admin/settings',
    { moderationWords: ['casino'], blockWords: ['viagra'] },
    admin,
  );
  return { a1, a2, a3, b3 };
}

async function exported(t: TestApp): Promise<ConfabExport> {
  const res = await t.call('GET', '/api/admin/export', undefined, admin);
  expect(res.status).toBe(200);
  return res.json();
}

async function importInto(t: TestApp, data: unknown) {
  return t.call('POST', '/api/admin/import?format=confab', data, admin);
}

const withoutTime = ({ exportedAt: _, ...rest }: ConfabExport) => rest;

describe('GET /api/admin/export', () => {
  it('carries every thread and comment with emails, ids, parents, statuses, times, source and HTML, and the word lists', async () => {
    const t = await open();
    const { a1, a2 } = await seed(t);
    const res = await t.call('GET', '/api/admin/export', undefined, admin);
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="confab-export-2016-05-31.json"',
    );
    const data: ConfabExport = await res.json();
    expect(data).toMatchObject({
      format: 'confab',
      version: 2,
      exportedAt: '2016-05-31T06:33:00.000Z',
    });
    expect(data.threads).toEqual([
      { ...OPEN_THREAD, url: URL_A, title: 'Article A', createdAt: '2016-05-31T06:25:00.000Z' },
      { ...OPEN_THREAD, url: URL_B, title: 'Article B', createdAt: '2016-05-31T06:29:00.000Z' },
    ]);
    expect(data.comments).toHaveLength(9);
    expect(data.comments[1]).toEqual({
      id: a2.comment.id,
      thread: URL_A,
      parentId: a1.comment.id,
      author: {
        name: 'Bob',
        email: 'bob@example.com',
        website: null,
        avatar: expect.stringMatching(/^[0-9a-f]{6}$/),
      },
      body: 'Reply',
      html: '<p>Reply</p>\n',
      status: 'approved',
      createdAt: '2016-05-31T06:26:00.000Z',
      editedAt: null,
      featuredAt: null,
      staff: false,
      likes: 0,
    });
    expect(data.comments.map((c) => c.status)).toEqual([
      'approved',
      'approved',
      'approved',
      'pending',
      'spam',
      'deleted',
      'approved',
      'deleted',
      'approved',
    ]);
    expect(data.comments[2]!.author).toEqual({ name: 'Anonymous', email: '', website: null });
    expect(data.comments[5]).toMatchObject({
      body: '',
      html: '',
      author: { name: '', email: 'fay@example.com' },
      editedAt: '2016-05-31T06:33:00.000Z',
    });
    expect(data.comments[7]).toMatchObject({ body: 'Trashed by the admin', status: 'deleted' });
    expect(data.settings).toEqual({ moderationWords: ['casino'], blockWords: ['viagra'] });
    expect(JSON.stringify(data)).not.toMatch(/ipHash|editToken/);
    // Posted avatars cannot be drawn again from the email: the export carries their seeds.
    expect(data.comments[0]!.author.avatar).toMatch(/^[0-9a-f]{6}$/);
  });
});

describe('export → import → export', () => {
  it('gives the same data in an empty SQLite database, and readers see the same threads', async () => {
    const source = await open();
    await seed(source);
    const first = await exported(source);

    const target = await open();
    const res = await importInto(target, first);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      threads: { created: 2, existing: 0 },
      comments: { imported: 9, skipped: 0, refused: 0 },
      refused: [],
    });
    expect(withoutTime(await exported(target))).toEqual(withoutTime(first));

    for (const url of [URL_A, URL_B]) {
      const read = async (t: TestApp) =>
        (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json();
      expect(await read(target)).toEqual(await read(source));
    }
  });

  it('gives the same data in an empty PostgreSQL database, whose next comment gets a fresh id', async () => {
    const source = await open();
    await seed(source);
    const first = await exported(source);

    const db = await createTestDatabase();
    const store = await openPostgresStore(db.url);
    cleanups.push(() => db.drop());
    const target = await open({ store });
    expect((await importInto(target, first)).status).toBe(200);
    expect(withoutTime(await exported(target))).toEqual(withoutTime(first));

    const next = await post(target, { url: URL_A, body: 'After the import' });
    expect(next.comment.id).toBe(Math.max(...first.comments.map((c) => c.id)) + 1);
  });

  it('works from the command line on the same DATABASE_URL as the server', async () => {
    const source = await open();
    await seed(source);
    const target = await open();
    const dir = mkdtempSync(join(tmpdir(), 'confab-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const saved = process.env.DATABASE_URL;
    cleanups.push(() => {
      process.env.DATABASE_URL = saved;
    });
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
    };

    process.env.DATABASE_URL = `file:${source.dbPath}`;
    const exp = io();
    expect(await runCli(['export'], exp.io)).toBe(0);
    const backup = join(dir, 'backup.json');
    writeFileSync(backup, exp.out.join('\n'));

    process.env.DATABASE_URL = `file:${target.dbPath}`;
    const imp = io();
    expect(await runCli(['import', backup], imp.io)).toBe(0);
    expect(imp.out).toEqual([
      'Imported 9 comments (0 already there) in 2 new and 0 existing threads.',
    ]);
    expect(withoutTime(await exported(target))).toEqual(
      withoutTime(JSON.parse(exp.out.join('\n'))),
    );

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ format: 'confab', version: 3 }));
    const bad = io();
    expect(await runCli(['import', broken], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/nothing was imported[\s\S]*- version: must be 1 or 2/);
    expect(await runCli(['import'], io().io)).toBe(2);
  });
});

describe('POST /api/admin/import?format=confab', () => {
  const valid = (): ConfabExport => ({
    format: 'confab',
    version: 1,
    exportedAt: '2020-01-01T00:00:00.000Z',
    threads: [{ url: URL_A, title: 'A', createdAt: '2020-01-01T00:00:00.000Z' }],
    comments: [
      {
        id: 10,
        thread: URL_A,
        parentId: null,
        author: { name: 'Ann', email: 'ann@example.com', website: null },
        body: 'Hi',
        html: '<script>alert(1)</script>',
        status: 'approved',
        createdAt: '2020-01-01T00:00:00.000Z',
        editedAt: null,
      },
      {
        id: 11,
        thread: URL_A,
        parentId: 10,
        author: { name: 'Bob', email: 'bob@example.com', website: 'https://bob.example' },
        body: 'Hello <b>there</b>',
        status: 'approved',
        createdAt: '2020-01-01T00:01:00.000Z',
        editedAt: null,
      },
    ],
  });

  async function expectNothingWritten(t: TestApp) {
    expect(await t.store.countThreads()).toBe(0);
    expect(await t.store.countByStatus({ url: null })).toEqual({
      approved: 0,
      pending: 0,
      spam: 0,
      deleted: 0,
    });
  }

  it('renders bodies itself rather than trusting HTML from the file', async () => {
    const t = await open();
    expect((await importInto(t, valid())).status).toBe(200);
    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json();
    expect(page.comments.map((c: { html: string }) => c.html)).toEqual([
      '<p>Hi</p>\n',
      '<p>Hello &lt;b&gt;there&lt;/b&gt;</p>\n',
    ]);
  });

  it('returns 400 with the offending fields and writes nothing for input the schema refuses', async () => {
    const t = await open();
    const data = valid() as unknown as { version: number; comments: Record<string, unknown>[] };
    data.version = 3;
    data.comments[1]!.status = 'hidden';
    (data.comments[1]!.author as Record<string, unknown>).email = 'not-an-email';
    const res = await importInto(t, data);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_request');
    expect(error.fields).toEqual({
      version: 'must be 1 or 2',
      'comments.1.author.email': 'must be a valid email address or empty',
      'comments.1.status': expect.any(String),
    });
    await expectNothingWritten(t);
  });

  it('returns 400 with the field and writes nothing when ids, parents or threads do not add up', async () => {
    const t = await open();
    const cases: [(d: ConfabExport) => void, Record<string, string>][] = [
      [
        (d) => (d.comments[1]!.parentId = 99),
        { 'comments.1.parentId': 'must be the id of another comment in the file' },
      ],
      [(d) => (d.comments[1]!.id = 10), { 'comments.1.id': 'is used by another comment' }],
      [
        (d) => (d.comments[1]!.thread = URL_B),
        { 'comments.1.thread': 'must be the url of a thread listed in threads' },
      ],
      [
        (d) => {
          d.threads.push({ url: URL_B, title: null, createdAt: d.exportedAt });
          d.comments[1]!.thread = URL_B;
        },
        { 'comments.1.parentId': 'must be a comment of the same thread' },
      ],
      [
        (d) => (d.comments[0]!.parentId = 11),
        { 'comments.1.parentId': 'makes a cycle of replies' },
      ],
    ];
    for (const [spoil, fields] of cases) {
      const data = valid();
      spoil(data);
      const res = await importInto(t, data);
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error).toEqual({
        code: 'invalid_request',
        message: expect.stringContaining('Nothing was imported'),
        fields,
      });
      await expectNothingWritten(t);
    }
  });

  it('walks a chain of thousands of replies without overflowing and finds the cycle closing it', async () => {
    const t = await open();
    const data = valid();
    const reply = data.comments[1]!;
    data.comments = Array.from({ length: 20_000 }, (_, i) => ({
      ...reply,
      id: i + 1,
      parentId: i === 0 ? 20_000 : i,
      body: `r${i}`,
    }));
    const res = await importInto(t, data);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({
      'comments.1.parentId': 'makes a cycle of replies',
    });
    await expectNothingWritten(t);
  });

  it('returns 400 invalid_json for a broken body and 415 for a body that is not JSON', async () => {
    const t = await open();
    const broken = await t.call('POST', '/api/admin/import', '{"format":', {
      ...admin,
      'Content-Type': 'application/json',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('invalid_json');
    const text = await t.call('POST', '/api/admin/import', 'hello', {
      ...admin,
      'Content-Type': 'text/plain',
    });
    expect(text.status).toBe(415);
    expect((await text.json()).error.code).toBe('unsupported_media_type');
    const xmlAsConfab = await t.call('POST', '/api/admin/import?format=confab', '<rss/>', {
      ...admin,
      'Content-Type': 'application/xml',
    });
    expect(xmlAsConfab.status).toBe(415);
    expect((await xmlAsConfab.json()).error).toEqual({
      code: 'unsupported_media_type',
      message: expect.stringContaining('format=wxr'),
    });
    await expectNothingWritten(t);
  });

  it('accepts files far larger than ordinary requests', async () => {
    const t = await open();
    const data = valid();
    data.comments[0]!.body = 'x'.repeat(90_000);
    const res = await importInto(t, data);
    expect(res.status).toBe(200);
    expect(JSON.stringify(data).length).toBeGreaterThan(64 * 1024);
  });

  it('keeps what is stored, skips comments already there and gives new ids where the file’s are taken', async () => {
    const t = await open();
    const mine = await post(t, { url: URL_A, body: 'Already here' });
    expect(mine.comment.id).toBe(1);
    const data = valid();
    data.comments[0]!.id = 1;
    data.comments[1]!.parentId = 1;
    const first = await importInto(t, data);
    expect(await first.json()).toEqual({
      threads: { created: 0, existing: 1 },
      comments: { imported: 2, skipped: 0, refused: 0 },
      refused: [],
    });
    const again = await importInto(t, data);
    expect(await again.json()).toEqual({
      threads: { created: 0, existing: 1 },
      comments: { imported: 0, skipped: 2, refused: 0 },
      refused: [],
    });

    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json();
    const [kept, imported, reply] = page.comments as {
      id: number;
      parentId: number | null;
      html: string;
    }[];
    expect(kept).toMatchObject({ id: 1, html: '<p>Already here</p>\n' });
    // The file's 11 was free, but its 1 was taken: that one got an id above every id stored or in the file,
    // and its reply followed it.
    expect(imported).toMatchObject({ id: 12, parentId: null, html: '<p>Hi</p>\n' });
    expect(reply).toMatchObject({ id: 11, parentId: 12 });
    expect(page.thread).toEqual({
      url: URL_A,
      title: 'Kazakstan: State Cracks Down On Dissent',
      count: 3,
      closed: false,
    });
  });

  it('adds imported word lists to the ones in force', async () => {
    const t = await open();
    await t.call(
      'PUT',
      '/api/admin/settings',
      { moderationWords: ['casino'], blockWords: [] },
      admin,
    );
    const data = {
      ...valid(),
      settings: { moderationWords: ['poker', 'Casino'], blockWords: ['viagra'] },
    };
    expect((await importInto(t, data)).status).toBe(200);
    expect(await (await t.call('GET', '/api/admin/settings', undefined, admin)).json()).toEqual({
      moderationWords: ['casino', 'poker'],
      blockWords: ['viagra'],
    });
  });
});

describe('export format version 2', () => {
  it('carries thread states, featured and staff marks, like counts and email bans, and an import restores them', async () => {
    const source = await open();
    const first = await post(source, {
      url: URL_A,
      title: 'Article A',
      published: '2016-05-30T00:00:00.000Z',
      author: { name: 'Ann', email: 'ann@example.com' },
    });
    const id = first.comment.id;
    await source.call('PATCH', `/api/admin/comments/${id}`, { featured: true }, admin);
    await source.call('POST', `/api/comments/${id}/like`, { key: 'browser-a-0123456789abcdef' });
    await source.call('POST', '/api/admin/comments', { parentId: id, body: 'Staff here' }, admin);
    await source.call(
      'PATCH',
      `/api/admin/threads?url=${encodeURIComponent(URL_A)}`,
      { closed: true, title: 'Article A, corrected' },
      admin,
    );
    await source.call(
      'POST',
      '/api/admin/bans',
      { email: 'troll@example.com', reason: 'Abuse', by: 'Maria', days: 30 },
      admin,
    );
    await source.call(
      'POST',
      '/api/admin/bans',
      { commentId: id, reason: 'No address known' },
      admin,
    );

    const data = (await (
      await source.call('GET', '/api/admin/export', undefined, admin)
    ).json()) as ConfabExport;
    expect(data.version).toBe(2);
    expect(data.threads).toEqual([
      {
        url: URL_A,
        title: 'Article A, corrected',
        createdAt: '2016-05-31T06:25:00.000Z',
        closed: true,
        publishedAt: '2016-05-30T00:00:00.000Z',
        titleLocked: true,
      },
    ]);
    expect(data.comments.map((c) => [c.featuredAt !== null, c.staff, c.likes])).toEqual([
      [true, false, 1],
      [false, true, 0],
    ]);
    expect(data.bans).toEqual([
      {
        email: 'troll@example.com',
        reason: 'Abuse',
        createdBy: 'Maria',
        createdAt: '2016-05-31T06:25:00.000Z',
        expiresAt: '2016-06-30T06:25:00.000Z',
      },
    ]);

    const target = await open();
    expect((await importInto(target, data)).status).toBe(200);
    const again = (await (
      await target.call('GET', '/api/admin/export', undefined, admin)
    ).json()) as ConfabExport;
    const { exportedAt: _a, ...restored } = again;
    const { exportedAt: _b, ...original } = data;
    expect(restored).toEqual(original);
    const page = await (
      await target.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json();
    expect(page.thread).toMatchObject({ title: 'Article A, corrected', closed: true });
    expect(page.featured.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(page.comments[1]).toMatchObject({ staff: true, author: { name: 'The editors' } });
    // Importing the same file again adds no second ban.
    expect((await importInto(target, data)).status).toBe(200);
    const { bans } = await (await target.call('GET', '/api/admin/bans', undefined, admin)).json();
    expect(bans).toHaveLength(1);
  });

  it('still reads version 1: threads open to the age rule, nothing featured, no likes', async () => {
    const t = await open();
    const v1 = {
      format: 'confab',
      version: 1,
      exportedAt: '2020-01-01T00:00:00.000Z',
      threads: [{ url: URL_B, title: 'B', createdAt: '2020-01-01T00:00:00.000Z' }],
      comments: [
        {
          id: 5,
          thread: URL_B,
          parentId: null,
          author: { name: 'Ann', email: 'ann@example.com', website: null },
          body: 'From an old backup',
          status: 'approved',
          createdAt: '2020-01-01T00:00:00.000Z',
          editedAt: null,
        },
      ],
    };
    expect((await importInto(t, v1)).status).toBe(200);
    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_B)}`)
    ).json();
    expect(page.thread).toEqual({ url: URL_B, title: 'B', count: 1, closed: false });
    expect(page.featured).toEqual([]);
    expect(page.comments[0]).toMatchObject({ id: 5, likes: 0 });
    expect(page.comments[0].staff).toBeUndefined();
  });
});
