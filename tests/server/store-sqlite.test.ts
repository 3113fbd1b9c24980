import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'confab-store-'));
  const path = join(dir, 'confab.db');
  const store = await openSqliteStore(path);
  const inspector = new Database(path, { readonly: true });
  return {
    store,
    countRows: async (table) => (inspector.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
    async dispose() {
      inspector.close();
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
