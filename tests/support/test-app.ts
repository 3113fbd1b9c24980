import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { type Config, configFrom } from '../../server/config.js';
import { createMemoryBus, type EventBus } from '../../server/events/bus.js';
import type { Store } from '../../server/store/store.js';
import { openTestSqliteStore } from './sqlite-template.js';

/** A clock tests move by hand. */
export interface TestClock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function createClock(start = Date.UTC(2016, 4, 31, 6, 24)): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  events: EventBus;
  clock: TestClock;
  config: Config;
  dbPath: string;
  /** JSON request helper: `call('POST', '/api/comments', body)`. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-0123456789abcdef';

/** The real app over a real SQLite file in a temp folder, with every defence off unless the test turns it on. */
export async function createTestApp(
  opts: { config?: Partial<Config>; store?: Store; dbPath?: string } = {},
): Promise<TestApp> {
  const dir = opts.dbPath ? null : mkdtempSync(join(tmpdir(), 'confab-test-'));
  const dbPath = opts.dbPath ?? join(dir!, 'confab.db');
  const store = opts.store ?? (await openTestSqliteStore(dbPath));
  const events = createMemoryBus();
  const clock = createClock();
  const config = configFrom({
    log: false,
    rateLimit: [],
    editRateLimit: [],
    likeRateLimit: [],
    maxEditsPerComment: 0,
    pow: false,
    ...opts.config,
  });
  const app = createApp({ store, events, config, secret: TEST_SECRET, now: clock.now });
  return {
    app,
    store,
    events,
    clock,
    config,
    dbPath,
    call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
      }
      return Promise.resolve(app.request(path, init));
    },
    async close() {
      await events.close();
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
/** A valid POST /api/comments body; every call is a different article unless `url` is given. */
export function newComment(over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    url: `https://news.example/articles/${seq}`,
    title: 'Kazakstan: State Cracks Down On Dissent',
    body: 'While it may be fair to lease land…',
    author: { name: 'Bonnie B', email: 'bonnie@example.com', website: 'https://bonnie.example' },
    ...over,
  };
}
