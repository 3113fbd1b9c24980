import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteAdapter, type SqliteDatabase, SqliteDialect } from 'kysely';
import type { Database as Schema } from './database.js';
import { GroupCommitStore } from './group-commit.js';
import type { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations/index.js';

/** `file:./data/confab.db` → `./data/confab.db`; `file::memory:` stays in memory. */
export function sqlitePathFromUrl(url: string): string {
  return url.replace(/^file:(\/\/)?/, '');
}

/** Statements kept prepared, by SQL text: plenty for every query the store builds. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely asks better-sqlite3 to prepare every query it runs; preparing costs as much as running a small
 * one. Kysely builds the same SQL text for the same query shape, so each is prepared once and reused
 * (one connection runs one query at a time, so a statement is never busy when asked for again).
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        statements.set(text, statement);
        if (statements.size > STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}

/**
 * SQLite runs schema changes inside transactions, but Kysely's adapter says it cannot, so its migrator
 * committed each statement on its own: a migration failing halfway left half a schema behind (and a data
 * migration such as 008's half its rows moved), and a new database paid one synced commit per statement.
 * With this adapter the migrator runs the whole pending set in one transaction, as it does on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** A migrated Kysely over one SQLite file, with the connection under it. */
async function openSqlite(
  path: string,
): Promise<{ db: Kysely<Schema>; sqlite: Database.Database }> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers run beside the writer; FULL sync makes every acknowledged write survive a crash or power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({
    dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  await migrateToLatest(db, 'sqlite');
  return { db, sqlite };
}

/** A migrated Kysely over one SQLite file; the store and `confab migrate` share it. */
export async function openSqliteDatabase(path: string): Promise<Kysely<Schema>> {
  return (await openSqlite(path)).db;
}

export async function openSqliteStore(path: string): Promise<KyselyStore> {
  const { db, sqlite } = await openSqlite(path);
  // data_version changes when another connection commits, never for this one's own writes: exactly the
  // writes this process's caches cannot otherwise know about. Reading it is a few microseconds.
  return new GroupCommitStore(db, () => sqlite.pragma('data_version', { simple: true }) as number);
}
