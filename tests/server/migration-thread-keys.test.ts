import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database as Schema } from '../../server/store/database.js';
import { type Engine, migrations } from '../../server/store/migrations/index.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/store.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';

/** The last migration before thread keys followed RFC 3986 §6.2.2 and ignored a trailing slash. */
const BEFORE = '006-partial-reply-indexes';

async function migrateTo(db: Kysely<Schema>, engine: Engine) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(engine) },
  });
  const { error } = await migrator.migrateTo(BEFORE);
  if (error) throw error;
}

/**
 * Threads keyed by the old rules: `/a/` and `/a` apart, and one page under two spellings of its
 * percent-encoding. The same author said the same words on `/a/` and `/a`, which must not collide
 * in one thread.
 */
async function seedOldKeys(db: Kysely<Schema>) {
  const threads = [
    { url: 'https://n.example/a/', title: null, created_at: 1000 },
    { url: 'https://n.example/a', title: 'A', created_at: 2000 },
    { url: 'https://n.example/caf%c3%a9', title: 'Café', created_at: 3000 },
    { url: 'https://n.example/caf%C3%A9/', title: null, created_at: 500 },
    { url: 'https://n.example/keep', title: 'Keep', created_at: 4000 },
  ];
  const ids: number[] = [];
  for (const t of threads)
    ids.push(
      Number(
        (await db.insertInto('threads').values(t).returning('id').executeTakeFirstOrThrow()).id,
      ),
    );
  let at = 10_000;
  const comment = async (thread: number, body: string, over: Record<string, unknown> = {}) => {
    at += 1000;
    const row = await db
      .insertInto('comments')
      .values({
        thread_id: ids[thread]!,
        parent_id: null,
        root_id: null,
        depth: 0,
        author_name: 'Ann',
        author_email: 'ann@example.com',
        author_website: null,
        avatar: 'abcdef',
        body,
        html: `<p>${body}</p>\n`,
        status: 'approved',
        created_at: at,
        edited_at: null,
        edit_token_hash: null,
        ip_hash: null,
        body_hash: null,
        ...over,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  };
  await comment(0, 'same words', { body_hash: 'h1' });
  const two = await comment(1, 'same words', { body_hash: 'h1' });
  await comment(1, 'a reply', { parent_id: two, root_id: two, depth: 1 });
  await comment(2, 'bonjour');
  await comment(3, 'held', { status: 'pending' });
  await comment(4, 'untouched');
}

async function expectRekeyed(store: Store) {
  const { threads, comments } = await store.exportAll();
  expect(threads.map((t) => [t.url, t.title, t.createdAt])).toEqual([
    ['https://n.example/caf%C3%A9', 'Café', 500],
    ['https://n.example/a', 'A', 1000],
    ['https://n.example/keep', 'Keep', 4000],
  ]);
  const bodiesIn = (url: string) => comments.filter((c) => c.threadUrl === url).map((c) => c.body);
  expect(bodiesIn('https://n.example/a')).toEqual(['same words', 'same words', 'a reply']);
  expect(bodiesIn('https://n.example/caf%C3%A9')).toEqual(['bonjour', 'held']);
  expect(bodiesIn('https://n.example/keep')).toEqual(['untouched']);
  const counts = await store.countApproved({
    urls: ['https://n.example/a', 'https://n.example/caf%C3%A9', 'https://n.example/keep'],
  });
  expect([...counts.values()]).toEqual([3, 1, 1]);
  const page = await store.getThreadPage({
    url: 'https://n.example/a',
    sort: 'oldest',
    limit: 10,
    after: null,
    statuses: ['approved'],
  });
  expect(page.count).toBe(3);
  expect(page.comments.map((c) => c.body)).toEqual(['same words', 'same words', 'a reply']);
}

describe('migration 008: thread keys by the RFC 3986 rules', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('re-keys SQLite threads, merging those whose keys now collide into the oldest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confab-rekey-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'confab.db');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(path) }) });
    await migrateTo(db, 'sqlite');
    await seedOldKeys(db);
    await db.destroy();

    const store = await openSqliteStore(path);
    cleanups.push(() => store.close());
    await expectRekeyed(store);
  });

  it('leaves a SQLite database as it was when a later migration of the same run fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confab-rekey-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'confab.db');
    const raw = new Database(path);
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
    await migrateTo(db, 'sqlite');
    await seedOldKeys(db);
    // A table of migration 009's name already there: 009 fails after 007 and 008 have run in this open.
    raw.exec('create table comment_likes (x integer)');
    await db.destroy();

    await expect(openSqliteStore(path)).rejects.toThrow(/comment_likes/);

    const after = new Database(path, { readonly: true });
    cleanups.push(() => {
      after.close();
    });
    const applied = after.prepare('select name from kysely_migration order by name').pluck().all();
    expect(applied.at(-1)).toBe(BEFORE);
    const tables = after
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all();
    expect(tables).not.toContain('mail_outbox');
    const urls = after.prepare('select url from threads order by id').pluck().all();
    expect(urls).toEqual([
      'https://n.example/a/',
      'https://n.example/a',
      'https://n.example/caf%c3%a9',
      'https://n.example/caf%C3%A9/',
      'https://n.example/keep',
    ]);
  });

  it('re-keys PostgreSQL threads the same way', async () => {
    const database: TestDatabase = await createTestDatabase({ empty: true });
    cleanups.push(() => database.drop());
    const db = new Kysely<Schema>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }),
    });
    await migrateTo(db, 'postgres');
    await seedOldKeys(db);
    await db.destroy();

    const store = await openPostgresStore(database.url);
    cleanups.push(() => store.close());
    await expectRekeyed(store);
  });
});
