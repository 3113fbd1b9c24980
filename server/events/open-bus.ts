import type { Config } from '../config.js';
import { createMemoryBus, type EventBus } from './bus.js';
import type { PgNotifyOptions } from './pg-notify.js';

/** One SQLite process needs no more than memory; PostgreSQL instances share NOTIFY. */
export async function openBus(
  config: Pick<Config, 'engine' | 'databaseUrl'>,
  opts: PgNotifyOptions = {},
): Promise<EventBus> {
  if (config.engine === 'sqlite') return createMemoryBus();
  const { createPgNotifyBus } = await import('./pg-notify.js');
  return createPgNotifyBus(config.databaseUrl, opts);
}
