import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../server/cli/migrate.js';
import type { CommentStatus } from '../../server/schema/index.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { NewComment, Store } from '../../server/store/store.js';
import { draftComment, T0 } from '../support/draft-comment.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { openTestSqliteStore } from '../support/sqlite-template.js';

/**
 * Thread counts are kept by triggers (migration 005), not counted on read: whatever writes to comments,
 * the count a reader sees is the number of approved comments.
 */

let n = 0;

function draft(
  url: string,
  status: CommentStatus = 'approved',
  over: Partial<NewComment> = {},
): NewComment {
  n += 1;
  return draftComment(url, {
    authorEmail: `bonnie${n}@example.com`,
    body: `Hello ${n}`,
    html: `<p>Hello ${n}</p>`,
    status,
    createdAt: T0 + n,
    ...over,
  });
}

const count = async (store: Store, url: string) =>
  (
    await store.getThreadPage({
      url,
      sort: 'oldest',
      limit: 50,
      after: null,
      statuses: ['approved', 'deleted'],
    })
  ).count;

type Open = () => Promise<{ store: Store; dispose(): Promise<void> }>;

const engines: [string, Open][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'confab-counts-'));
      const store = await openTestSqliteStore(join(dir, 'confab.db'));
      return {
        store,
        dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const db = await createTestDatabase();
      const store = await openPostgresStore(db.url);
      return { store, dispose: async () => (await store.close(), await db.drop()) };
    },
  ],
];

for (const [engine, open] of engines) {
  describe(`thread counts (${engine})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ store, dispose } = await open()));
    afterAll(() => dispose());

    it('count approved comments as they are posted, not pending ones', async () => {
      const url = `https://news.example/${engine}/post`;
      expect(await count(store, url)).toBe(0);
      await store.insertComment(draft(url));
      await store.insertComment(draft(url));
      await store.insertComment(draft(url, 'pending'));
      expect(await count(store, url)).toBe(2);
      expect((await store.countApproved({ urls: [url, `${url}/none`] })).get(url)).toBe(2);
    });

    it('follow status changes both ways, edits that keep the status, and erasure', async () => {
      const url = `https://news.example/${engine}/moderate`;
      const a = (await store.insertComment(draft(url))).comment;
      const b = (await store.insertComment(draft(url, 'pending'))).comment;
      await store.insertComment(draft(url));
      expect(await count(store, url)).toBe(2);
      await store.updateComment({ id: b.id, status: 'approved' });
      expect(await count(store, url)).toBe(3);
      await store.updateComment({ id: a.id, body: 'edited', html: '<p>edited</p>', editedAt: T0 });
      expect(await count(store, url)).toBe(3);
      await store.updateComment({ id: a.id, status: 'spam' });
      await store.updateComment({ id: b.id, status: 'deleted' });
      expect(await count(store, url)).toBe(1);
      await store.updateComment({ id: a.id, status: 'approved' });
      expect(await count(store, url)).toBe(2);
      await store.eraseComment({ id: a.id });
      await store.eraseComment({ id: b.id });
      expect(await count(store, url)).toBe(1);
    });

    it('stay per thread', async () => {
      const one = `https://news.example/${engine}/one`;
      const two = `https://news.example/${engine}/two`;
      await store.insertComment(draft(one));
      for (let i = 0; i < 3; i++) await store.insertComment(draft(two));
      const counts = await store.countApproved({ urls: [one, two] });
      expect([counts.get(one), counts.get(two)]).toEqual([1, 3]);
    });
  });
}

describe('thread counts across confab migrate', () => {
  let dir: string;
  let pg: TestDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confab-counts-migrate-'));
    pg = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await pg.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('arrive in the destination once, rebuilt by its triggers rather than copied', async () => {
    const path = join(dir, 'confab.db');
    const url = 'https://news.example/migrated';
    const source = await openSqliteStore(path);
    for (let i = 0; i < 4; i++)
      await source.insertComment(draft(url, i === 3 ? 'pending' : 'approved'));
    await source.close();
    await migrateDatabase(`file:${path}`, pg.url);
    const destination = await openPostgresStore(pg.url);
    try {
      expect(await count(destination, url)).toBe(3);
    } finally {
      await destination.close();
    }
  });
});
