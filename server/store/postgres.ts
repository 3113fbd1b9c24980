import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { KyselyStore } from './kysely-store.js';
import { migrations } from './migrations/index.js';

export interface PostgresOptions {
  poolSize?: number;
}

/**
 * PostgreSQL for sites that run several instances. Kysely's migrator takes a transaction-scoped advisory
 * lock, so instances starting together apply each migration exactly once.
 */
export async function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<KyselyStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // Fail fast instead of queueing readers behind a dead database.
    connectionTimeoutMillis: 3000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations('postgres') } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return new KyselyStore(db);
}
