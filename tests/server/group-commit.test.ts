import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { DuplicateCommentError, type NewComment, type Store } from '../../server/store/store.js';
import { draftComment } from '../support/draft-comment.js';
import { createTestDatabase } from '../support/pg.js';

const URL = 'https://news.example/group-commit';

const comment = (n: number, over: Partial<NewComment> = {}) =>
  draftComment(URL, {
    title: 'Group commit',
    authorName: `Reader ${n}`,
    authorEmail: `reader${n}@example.com`,
    avatar: 'abcdef',
    body: `comment ${n}`,
    html: `<p>comment ${n}</p>\n`,
    createdAt: Date.UTC(2016, 4, 31) + n,
    bodyHash: `hash-${n}`,
    ...over,
  });

/** A fresh, empty database per test; `open` may be called again to reopen the same one. */
interface Engine {
  name: string;
  fresh(): Promise<{ open(): Promise<Store>; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'SQLite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'confab-group-'));
      return {
        open: () => openSqliteStore(join(dir, 'confab.db')),
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    async fresh() {
      const db = await createTestDatabase();
      return { open: () => openPostgresStore(db.url), dispose: () => db.drop() };
    },
  },
];

describe.each(engines)('group commit on $name', (engine) => {
  let database: Awaited<ReturnType<Engine['fresh']>>;
  let store: Store;
  beforeEach(async () => {
    database = await engine.fresh();
    store = await database.open();
  });
  afterEach(async () => {
    await store.close();
    await database.dispose();
  });

  const page = () =>
    store.getThreadPage({
      url: URL,
      sort: 'oldest',
      limit: 200,
      after: null,
      statuses: ['approved'],
    });

  it('commits comments that arrive together in one transaction, in order', async () => {
    const db = (store as unknown as { db: { transaction: () => unknown } }).db;
    const transactions = vi.spyOn(db, 'transaction');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.insertComment(comment(i))),
    );
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r.comment.authorName)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Reader ${i}`),
    );
    expect(new Set(results.map((r) => r.comment.id)).size).toBe(20);
    expect((await page()).comments.map((c) => c.id)).toEqual(results.map((r) => r.comment.id));
  });

  it('fails only the comment that cannot be stored, the rest of its batch is kept', async () => {
    const settled = await Promise.allSettled([
      store.insertComment(comment(1)),
      store.insertComment(comment(2, { parentId: 999_999, rootId: 999_999, depth: 1 })),
      store.insertComment(comment(3)),
      store.insertComment(comment(4, { bodyHash: 'hash-1' })),
      store.insertComment(comment(5)),
    ]);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateCommentError);
    expect((await page()).comments.map((c) => c.authorName)).toEqual([
      'Reader 1',
      'Reader 3',
      'Reader 5',
    ]);
  });

  it('writes a lone comment on its own and keeps batching afterwards', async () => {
    await store.insertComment(comment(1));
    await Promise.all([store.insertComment(comment(2)), store.insertComment(comment(3))]);
    expect((await page()).comments).toHaveLength(3);
  });

  it('stores what was queued before close', async () => {
    const pending = Promise.all([store.insertComment(comment(1)), store.insertComment(comment(2))]);
    await store.close();
    await pending;
    store = await database.open();
    expect((await page()).comments).toHaveLength(2);
  });

  it('gives each comment of a batch that mixes threads its own thread, and fills in a title a later comment brings', async () => {
    const other = 'https://news.example/group-commit-other';
    const [untitled, titled, elsewhere, again] = await Promise.all([
      store.insertComment(comment(1, { title: null })),
      store.insertComment(comment(2, { title: 'Known at last' })),
      store.insertComment(comment(3, { url: other, title: 'Another article' })),
      store.insertComment(comment(4, { title: 'Not this one' })),
    ]);
    expect(untitled!.thread).toMatchObject({ url: URL, title: null });
    expect(titled!.thread).toEqual({
      ...untitled!.thread,
      title: 'Known at last',
      titleUpdatedAt: expect.any(Number),
    });
    expect(again!.thread).toEqual(titled!.thread);
    expect(elsewhere!.thread).toMatchObject({ url: other, title: 'Another article' });
    expect(elsewhere!.thread.id).not.toBe(untitled!.thread.id);
    expect(await store.getThreadById({ id: untitled!.thread.id })).toEqual(titled!.thread);
    expect(elsewhere!.comment.threadId).toBe(elsewhere!.thread.id);
  });

  it('counts every comment of a batch in the thread', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.insertComment(comment(i))));
    expect((await store.countApproved({ urls: [URL] })).get(URL)).toBe(30);
  });
});
