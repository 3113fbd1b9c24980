import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../../server/app.js';
import { type Config, configFrom } from '../../server/config.js';
import type { EventBus } from '../../server/events/bus.js';
import type { LogLine } from '../../server/middleware/request-log.js';
import { openRuntime } from '../../server/runtime.js';
import { openPostgresDatabase } from '../../server/store/postgres.js';
import type { Store } from '../../server/store/store.js';
import { listenLocal } from './listen.js';

/** The PostgreSQL the suites use: an existing database to connect to while creating their own. */
export const PG_ADMIN_URL = process.env.CONFAB_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL on a connection of the test's own (never one of the code under test's). */
  query<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<R[]>;
  /** A further connection to this database; the caller ends it. */
  connect(): Promise<pg.Client>;
  /** Cuts every other connection to this database, as a PostgreSQL restart would; resolves to how many. */
  terminateBackends(): Promise<number>;
  drop(): Promise<void>;
}

/** The environment variable naming the migrated template database, set by vitest's global set-up. */
export const PG_TEMPLATE_ENV = 'CONFAB_TEST_PG_TEMPLATE';

/** Applies every migration to the empty database at `url`, as the first store to open it would. */
export async function migrateEmpty(url: string): Promise<void> {
  await (await openPostgresDatabase(url)).destroy();
}

async function connected(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  // A connection cut by the test itself must not crash the runner.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/**
 * A new, uniquely named database (confab_test_<pid>_<random>) on the shared server, so suites and
 * engineers never see each other's rows. Fails loudly when PostgreSQL is not there: these suites must
 * not pass by skipping.
 *
 * It has the schema every migration makes, as a store opening it would leave it, copied from the template
 * vitest's global set-up migrates once (tests/support/pg-template.ts): a copy takes about 60 ms, migrating
 * each database took 200–350 ms of both processes' CPU. `{ empty: true }` gives a database with no tables,
 * for the tests of migrating itself.
 */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  let admin: pg.Client;
  try {
    admin = await connected(PG_ADMIN_URL);
  } catch (e) {
    throw new Error(
      `PostgreSQL is required by this suite and is not reachable at ${PG_ADMIN_URL} (${(e as Error).message}). ` +
        'Start it (pg_ctlcluster 15 main start) or point CONFAB_TEST_PG at one.',
    );
  }
  const name = `confab_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = opts.empty ? undefined : process.env[PG_TEMPLATE_ENV];
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  // Outside vitest (no template), the database is migrated here instead, as a store would.
  if (!opts.empty && !template) await migrateEmpty(url.toString());
  // A pool of one: a test that cuts every connection also cuts this one, and the pool replaces it.
  const own = new pg.Pool({ connectionString: url.toString(), max: 1 });
  own.on('error', () => {});
  return {
    name,
    url: url.toString(),
    query: async (text, params) => (await own.query(text, params)).rows,
    connect: () => connected(url.toString()),
    async terminateBackends() {
      const res = await own.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      return res.rowCount ?? 0;
    },
    async drop() {
      await own.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Waits, polling, until `probe` holds: for states only PostgreSQL can tell (a backend waiting on a lock). */
export async function until(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface PgInstance {
  /** http://127.0.0.1:<port> */
  url: string;
  store: Store;
  events: EventBus;
  /** What the instance logged (errors included). */
  logs: LogLine[];
  close(): Promise<void>;
}

/**
 * One Confab instance as main.ts builds it for a postgres:// DATABASE_URL (store, NOTIFY bus, secret from
 * the database), served on 127.0.0.1; port 0 picks a free one. Every defence is off unless `config` says.
 */
export async function startPgInstance(
  databaseUrl: string,
  opts: { port?: number; config?: Partial<Config> } = {},
): Promise<PgInstance> {
  const config = configFrom({ log: false, rateLimit: [], pow: false, databaseUrl, ...opts.config });
  const runtime = await openRuntime(config);
  const { store, events } = runtime;
  const logs: LogLine[] = [];
  const app = createApp({
    store,
    events,
    config,
    secret: runtime.secret,
    log: (line) => logs.push(line),
  });
  const server = await listenLocal(app.fetch, opts.port ?? 0);
  return {
    url: server.url,
    store,
    events,
    logs,
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}
