import type { Config } from './config.js';
import { createMemoryCounter, type WindowCounter } from './domain/rate-limit.js';
import { resolveSecret } from './domain/secret.js';
import type { EventBus } from './events/bus.js';
import { openBus } from './events/open-bus.js';
import type { PgNotifyOptions } from './events/pg-notify.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

/** Everything outside the app that a server instance runs on, opened for the configured engine. */
export interface Runtime {
  store: Store;
  events: EventBus;
  secret: string;
  /** Window counters behind every per-client limit. */
  counter: WindowCounter;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Config,
  opts: { onBusStatus?: PgNotifyOptions['onStatus'] } = {},
): Promise<Runtime> {
  const store = await openStore(config);
  const events = await openBus(config, { onStatus: opts.onBusStatus });
  const secret = await resolveSecret(store, config.secret);
  // Instances sharing PostgreSQL must share their counts too; a lone SQLite server keeps them in memory.
  const counter = config.engine === 'sqlite' ? createMemoryCounter() : store;
  return {
    store,
    events,
    secret,
    counter,
    close: async () => {
      await events.close();
      await store.close();
    },
  };
}
