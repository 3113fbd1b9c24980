import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database as Schema } from './database.js';
import { KyselyStore } from './kysely-store.js';
import { migrations } from './migrations/index.js';

/** `file:./data/confab.db` → `./data/confab.db`; `file::memory:` stays in memory. */
export function sqlitePathFromUrl(url: string): string {
  return url.replace(/^file:(\/\/)?/, '');
}

export async function openSqliteStore(path: string): Promise<KyselyStore> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers run beside the writer; FULL sync makes every acknowledged write survive a crash or power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations('sqlite') } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return new KyselyStore(db);
}
