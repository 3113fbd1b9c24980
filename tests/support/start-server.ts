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
  const store = await openSqliteStore(dbPath);
  const events = createMemoryBus();
  const secret = await resolveSecret(store, undefined);
  // The app is made once the port is known: what it renders for other pages (the server-rendered thread's
  // script and server attribute) names its real address, as CONFAB_PUBLIC_URL does in production.
  let app: ReturnType<typeof createApp> | undefined;
  const server = await listenLocal((req) => app!.fetch(req), 0);
  const config = configFrom({
    log: false,
    rateLimit: [],
    editRateLimit: [],
    maxEditsPerComment: 0,
    pow: false,
    origins: opts.origins ?? [],
    publicUrl: server.url,
    ...opts.config,
  });
  app = createApp({ store, events, config, secret });
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
