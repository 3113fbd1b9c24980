import { openSqliteStore, sqlitePathFromUrl } from './sqlite.js';
import type { Store } from './store.js';

/** Picks the engine from DATABASE_URL: `file:` → SQLite, `postgres://` → PostgreSQL. */
export async function openStore(
  databaseUrl: string,
  opts: { pgPoolSize?: number } = {},
): Promise<Store> {
  if (databaseUrl.startsWith('file:')) return openSqliteStore(sqlitePathFromUrl(databaseUrl));
  const { openPostgresStore } = await import('./postgres.js');
  return openPostgresStore(databaseUrl, { poolSize: opts.pgPoolSize });
}
