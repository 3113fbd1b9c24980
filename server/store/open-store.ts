import type { Config } from '../config.js';
import { openSqliteStore, sqlitePathFromUrl } from './sqlite.js';
import type { Store } from './store.js';

/** The store for the configured engine; PostgreSQL's driver loads only when it is used. */
export async function openStore(
  config: Pick<Config, 'engine' | 'databaseUrl' | 'pgPoolSize'>,
): Promise<Store> {
  if (config.engine === 'sqlite') return openSqliteStore(sqlitePathFromUrl(config.databaseUrl));
  const { openPostgresStore } = await import('./postgres.js');
  return openPostgresStore(config.databaseUrl, { poolSize: config.pgPoolSize });
}
