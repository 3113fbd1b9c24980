import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { type Config, configFrom } from '../../server/config.js';
import { resolveSecret } from '../../server/domain/secret.js';
import { createMemoryBus } from '../../server/events/bus.js';
import { createTransport } from '../../server/mail/transport.js';
import { createMailWorker } from '../../server/mail/worker.js';
import { listenLocal } from './listen.js';
import { openTestSqliteStore } from './sqlite-template.js';

export interface RunningServer {
  url: string;
  dbPath: string;
  close(): Promise<void>;
}

/**
 * The real server on 127.0.0.1 and a free port, over a fresh SQLite file, for browser and end-to-end tests.
 * With `smtpUrl` it sends mail there, as `npm start` does: links in the emails lead back to this server.
 */
export async function startServer(
  opts: {
    origins?: string[];
    config?: Partial<Config>;
    smtpUrl?: string;
    /** The server's clock; the real one unless a test moves it. */
    now?: () => number;
  } = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'confab-'));
  const dbPath = join(dir, 'confab.db');
  const store = await openTestSqliteStore(dbPath);
  const events = createMemoryBus();
  const secret = await resolveSecret(store, undefined);
  // The app is made once the port is known: the links in emails, and what it renders for other pages (the
  // server-rendered thread's script and server attribute), carry its real address, as CONFAB_PUBLIC_URL does.
  let app: ReturnType<typeof createApp> | undefined;
  const server = await listenLocal((req) => app!.fetch(req), 0);
  const mail: Config['mail'] = opts.smtpUrl
    ? {
        smtpUrl: opts.smtpUrl,
        from: 'Confab <confab@localhost>',
        publicUrl: server.url,
        perHour: 10,
        retrySeconds: 5,
        moderators: [],
        notifyModerators: 'held',
        lang: 'en',
      }
    : null;
  const config = configFrom({
    log: false,
    rateLimit: [],
    editRateLimit: [],
    likeRateLimit: [],
    maxEditsPerComment: 0,
    pow: false,
    origins: opts.origins ?? [],
    publicUrl: server.url,
    mail,
    ...opts.config,
  });
  app = createApp({ store, events, config, secret, now: opts.now ?? Date.now });
  const worker =
    mail &&
    createMailWorker({
      store,
      transport: createTransport({ url: mail.smtpUrl, from: mail.from }),
      mail,
      secret,
      now: Date.now,
    });
  // Often, so a test waits for its email no longer than it must.
  worker?.start(100);
  return {
    url: server.url,
    dbPath,
    async close() {
      await worker?.stop();
      await server.close();
      await events.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
