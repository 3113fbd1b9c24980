import { createMemoryBus, type EventBus } from './bus.js';
import type { PgNotifyOptions } from './pg-notify.js';

/** Picks the bus from DATABASE_URL: one SQLite process needs no more than memory; PostgreSQL instances share NOTIFY. */
export async function openBus(databaseUrl: string, opts: PgNotifyOptions = {}): Promise<EventBus> {
  if (databaseUrl.startsWith('file:')) return createMemoryBus();
  const { createPgNotifyBus } = await import('./pg-notify.js');
  return createPgNotifyBus(databaseUrl, opts);
}
