import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { type Config, configFrom } from '../../server/config.js';
import { resolveSecret } from '../../server/domain/secret.js';
import { createMemoryBus } from '../../server/events/bus.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { listenLocal } from './listen.js';

export interface RunningServer {
  url: string;
  dbPath: string;
  close(): Promise<void>;
}

/** The real server on 127.0.0.1 and a free port, over a fresh SQLite file, for browser and end-to-end tests. */
export async function startServer(
  opts: { origins?: string[]; config?: Partial<Config> } = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'confab-'));
  const dbPath = join(dir, 'confab.db');
  const config = configFrom({
    log: false,
    rateLimit: [],
    editRateLimit: [],
    likeRateLimit: [],
    maxEditsPerComment: 0,
    pow: false,
    origins: opts.origins ?? [],
    ...opts.config,
  });
  const store = await openSqliteStore(dbPath);
  const events = createMemoryBus();
  const app = createApp({ store, events, config, secret: await resolveSecret(store, undefined) });
  const server = await listenLocal(app.fetch, 0);
  return {
    url: server.url,
    dbPath,
    async close() {
      await server.close();
      await events.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
