import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { openTestSqliteStore } from '../support/sqlite-template.js';
import { describeStoreContract, type StoreUnderTest } from './store-contract.js';
import { describeImportContract } from './store-contract-import.js';
import { describeNewsroomContract } from './store-contract-newsroom.js';
import { describeSitesContract } from './store-contract-sites.js';

const openSqliteSubject = async (): Promise<StoreUnderTest> => {
  const dir = mkdtempSync(join(tmpdir(), 'confab-store-'));
  const path = join(dir, 'confab.db');
  const store = await openTestSqliteStore(path);
  const inspector = new Database(path, { readonly: true });
  return {
    store,
    countRows: async (table) =>
      (inspector.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
    async dispose() {
      inspector.close();
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

describeStoreContract('SQLite', openSqliteSubject);
describeNewsroomContract('SQLite', openSqliteSubject);
describeSitesContract('SQLite', openSqliteSubject);
describeImportContract('SQLite', openSqliteSubject);

describe('SQLite indexes', () => {
  it('serves reply, child and foreign-key lookups from the partial indexes that leave top-level comments out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confab-plan-'));
    const path = join(dir, 'confab.db');
    try {
      await (await openSqliteStore(path)).close();
      const db = new Database(path, { readonly: true });
      const plan = (q: string) =>
        (db.prepare(`explain query plan ${q}`).all() as { detail: string }[])
          .map((r) => r.detail)
          .join(' | ');
      expect(
        plan('select * from comments where root_id in (1, 2, 3) order by created_at, id'),
      ).toContain('USING INDEX comments_root');
      expect(plan('select id from comments where parent_id = 5 limit 1')).toContain(
        'comments_parent',
      );
      // Deleting a parent sets its replies' parent_id to null (on delete set null): that lookup must not scan.
      expect(plan('delete from comments where id = 5')).toContain('comments_parent (parent_id=?)');
      const sqlOf = (name: string) =>
        (db.prepare('select sql from sqlite_master where name = ?').get(name) as { sql: string })
          .sql;
      expect(sqlOf('comments_root')).toMatch(/where root_id is not null$/);
      expect(sqlOf('comments_parent')).toMatch(/where parent_id is not null$/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
