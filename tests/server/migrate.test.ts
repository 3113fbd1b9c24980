import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../server/cli/main.js';
import { migrateDatabase } from '../../server/cli/migrate.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { NewComment } from '../../server/store/store.js';
import { draftComment, T0 } from '../support/draft-comment.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { createTestApp, newComment } from '../support/test-app.js';

const COPIED_TABLES = ['settings', 'threads', 'comments', 'comment_likes', 'bans'] as const;
/** More comments than one copy batch holds, so batching is exercised. */
const FILLER = 1200;

type Row = Record<string, unknown>;

const draft = (url: string, over: Partial<NewComment> = {}) =>
  draftComment(url, {
    authorWebsite: 'https://bonnie.example',
    editTokenHash: 'token-hash',
    ipHash: 'ip-hash',
    ...over,
  });

/** A site as it grows in real use: nested replies, every status, a placeholder, an erased comment, settings. */
async function seedSite(path: string) {
  const store = await openSqliteStore(path);
  const a = 'https://news.example/articles/kazakstan';
  const root = (await store.insertComment(draft(a, { title: 'Kazakstan', createdAt: T0 }))).comment;
  const reply = (
    await store.insertComment(
      draft(a, { parentId: root.id, rootId: root.id, depth: 1, createdAt: T0 + 1000 }),
    )
  ).comment;
  await store.insertComment(
    draft(a, {
      parentId: reply.id,
      rootId: root.id,
      depth: 2,
      createdAt: T0 + 2000,
      body: 'Ünïcödé 👍',
      html: '<p>Ünïcödé 👍</p>',
    }),
  );
  const gone = (await store.insertComment(draft(a, { createdAt: T0 + 3000 }))).comment;
  await store.eraseComment({ id: gone.id });
  const doomed = (
    await store.insertComment(draft(a, { createdAt: T0 + 4000, authorWebsite: null, ipHash: null }))
  ).comment;
  await store.insertComment(
    draft(a, { parentId: doomed.id, rootId: doomed.id, depth: 1, createdAt: T0 + 5000 }),
  );
  await store.updateComment({
    id: doomed.id,
    status: 'deleted',
    body: '',
    html: '',
    authorName: '',
    authorWebsite: null,
  });
  await store.updateComment({
    id: reply.id,
    body: 'Edited',
    html: '<p>Edited</p>',
    editedAt: T0 + 9000,
  });
  await store.insertComment(draft(a, { status: 'pending', createdAt: T0 + 6000 }));
  await store.insertComment(draft(a, { status: 'spam', createdAt: T0 + 7000 }));
  await store.insertComment(
    draft('https://news.example/articles/untitled', { createdAt: T0 + 8000 }),
  );
  // The newsroom's data: a featured staff reply with a like, a closed thread, a ban.
  const staff = (
    await store.insertComment(
      draft(a, { parentId: root.id, rootId: root.id, depth: 1, createdAt: T0 + 1500, staff: true }),
    )
  ).comment;
  await store.updateComment({ id: staff.id, featuredAt: T0 + 1600 });
  await store.setLike({ commentId: staff.id, voterHash: 'voter', liked: true, now: T0 + 1700 });
  await store.updateThread({ url: a, closed: true, now: T0 + 1800 });
  await store.addBan({
    kind: 'email',
    value: 'troll@example.com',
    ipKey: null,
    commentId: null,
    reason: 'Abuse',
    createdBy: 'Ann',
    createdAt: T0,
    expiresAt: null,
  });
  await store.getOrCreateSetting({ key: 'secret', init: () => 'the-site-secret-0123456789' });
  await store.getOrCreateSetting({ key: 'site.name', init: () => 'News' });
  await store.hitCounter({ key: 'ip:1', windowMs: 60_000, now: T0 });
  await store.claimOnce({ key: 'pow:1', expiresAt: T0 + 60_000, now: T0 });
  await store.close();

  const raw = new Database(path);
  const thread = raw
    .prepare('insert into threads (url, title, created_at) values (?, ?, ?)')
    .run('https://news.example/busy', 'Busy', T0).lastInsertRowid;
  const insert = raw.prepare(
    `insert into comments (thread_id, depth, author_name, author_email, avatar, body, html, status, created_at)
     values (?, 0, 'Filler', 'filler@example.com', 'seed', ?, ?, 'approved', ?)`,
  );
  raw.transaction(() => {
    for (let i = 0; i < FILLER; i++)
      insert.run(thread, `filler ${i}`, `<p>filler ${i}</p>`, T0 + i);
  })();
  raw.close();
}

function sqliteRows(path: string, table: string): Row[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`select * from ${table} order by 1`).all() as Row[];
  } finally {
    db.close();
  }
}

/** PostgreSQL returns bigint as text: numeric columns become numbers, so rows compare with SQLite's as they are. */
async function pgRows(db: TestDatabase, table: string): Promise<Row[]> {
  const numeric = new Set(
    (
      await db.query<{ column_name: string }>(
        "select column_name from information_schema.columns where table_name = $1 and data_type in ('bigint', 'integer')",
        [table],
      )
    ).map((c) => c.column_name),
  );
  const rows = await db.query(`select * from ${table} order by 1`);
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, numeric.has(k) && v !== null ? Number(v) : v]),
    ),
  );
}

function capture(): CliIo & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), text: () => lines.join('\n') };
}

describe('confab migrate', () => {
  let dir: string;
  let source: string;
  const databases: TestDatabase[] = [];
  const freshPg = async () => {
    const db = await createTestDatabase({ empty: true });
    databases.push(db);
    return db;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confab-migrate-'));
    source = join(dir, 'site.db');
    await seedSite(source);
  });
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('from SQLite into an empty PostgreSQL database', () => {
    let pg: TestDatabase;
    beforeAll(async () => {
      pg = await freshPg();
    });

    it('copies every thread, comment and setting row for row, keeping ids and times', async () => {
      const counts = await migrateDatabase(`file:${source}`, pg.url);
      expect(counts).toEqual({
        settings: 2,
        sites: 0,
        threads: 3,
        comments: 9 + FILLER,
        comment_likes: 1,
        bans: 1,
        mail_addresses: 0,
        mail_proofs: 0,
        mail_subscriptions: 0,
      });
      for (const table of COPIED_TABLES) {
        const expected = sqliteRows(source, table);
        expect(expected.length).toBeGreaterThan(0);
        expect(await pgRows(pg, table)).toEqual(expected);
      }
      // Rate-limit windows and used solutions are short-lived: they stay behind.
      expect(await pg.query('select * from counters')).toEqual([]);
      expect(await pg.query('select * from claims')).toEqual([]);
    });

    it('gives the next thread and comment fresh ids', async () => {
      const maxOf = (table: string) =>
        Math.max(...sqliteRows(source, table).map((r) => Number(r.id)));
      const store = await openPostgresStore(pg.url);
      const t = await createTestApp({ store });
      try {
        const res = await t.call(
          'POST',
          '/api/comments',
          newComment({ url: 'https://news.example/after-the-move' }),
        );
        expect(res.status).toBe(201);
        const { comment } = await res.json();
        expect(comment.id).toBe(maxOf('comments') + 1);
        const [thread] = await pg.query<{ id: string }>(
          "select id from threads where url = 'https://news.example/after-the-move'",
        );
        expect(Number(thread!.id)).toBe(maxOf('threads') + 1);
      } finally {
        await t.close();
      }
    });

    it('refuses a destination that already has comments and leaves it untouched', async () => {
      const before = await pgRows(pg, 'comments');
      await expect(migrateDatabase(`file:${source}`, pg.url)).rejects.toThrow(
        /already has threads; migrate into an empty database/,
      );
      expect(await pgRows(pg, 'comments')).toEqual(before);
    });

    it('copies back from PostgreSQL into a new SQLite file unchanged', async () => {
      const back = join(dir, 'back.db');
      await migrateDatabase(pg.url, `file:${back}`);
      for (const table of COPIED_TABLES)
        expect(sqliteRows(back, table)).toEqual(await pgRows(pg, table));
    });
  });

  it('refuses a source with a table it does not know, rather than leave its rows behind', async () => {
    const odd = join(dir, 'odd.db');
    await (await openSqliteStore(odd)).close();
    const raw = new Database(odd);
    raw.exec('create table webhook_log (id integer primary key)');
    raw.close();
    await expect(migrateDatabase(`file:${odd}`, `file:${join(dir, 'never.db')}`)).rejects.toThrow(
      /cannot copy: webhook_log/,
    );
  });

  it('refuses a source file that does not exist instead of copying an empty site', async () => {
    await expect(
      migrateDatabase(`file:${join(dir, 'missing.db')}`, `file:${join(dir, 'other.db')}`),
    ).rejects.toThrow(/does not exist/);
  });

  describe('as the `confab migrate` command', () => {
    it('copies the site and says what it copied', async () => {
      const pg = await freshPg();
      const io = capture();
      expect(await runCli(['migrate', '--from', `file:${source}`, '--to', pg.url], io)).toBe(0);
      expect(io.text()).toContain(`Done: 3 threads, ${9 + FILLER} comments, 2 settings.`);
      expect(await pgRows(pg, 'comments')).toEqual(sqliteRows(source, 'comments'));
    });

    it('exits 1 with the reason when the copy fails, never printing a password', async () => {
      const io = capture();
      expect(
        await runCli(
          [
            'migrate',
            '--from',
            `file:${source}`,
            '--to',
            'postgres://confab:s3cret@127.0.0.1:1/confab',
          ],
          io,
        ),
      ).toBe(1);
      expect(io.text()).toMatch(/confab migrate: PostgreSQL is not reachable/);
      expect(io.text()).toContain('postgres://confab:***@127.0.0.1:1/confab');
      expect(io.text()).not.toContain('s3cret');
    });

    it.each([
      [[], /Usage: confab <command>/],
      [['nonsense'], /there is no command "nonsense"/],
      [['migrate', '--from', 'file:a.db'], /--to is required\nUsage: confab migrate --from/],
      [
        ['migrate', '--from', 'file:a.db', '--to', 'postgres://x/y', '--force'],
        /Unknown option '--force'[\s\S]*Usage: confab migrate/,
      ],
    ])('exits 2 with the usage when misused: %j', async (argv, message) => {
      const io = capture();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.text()).toMatch(message);
    });

    it('prints help on request and exits 0', async () => {
      const io = capture();
      expect(await runCli(['--help'], io)).toBe(0);
      expect(io.text()).toMatch(/migrate +copy a whole site/);
      const sub = capture();
      expect(await runCli(['migrate', '--help'], sub)).toBe(0);
      expect(sub.text()).toMatch(/Usage: confab migrate --from/);
    });
  });
});
