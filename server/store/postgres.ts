import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { GroupCommitStore } from './group-commit.js';
import type { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations/index.js';
import { StoreUnavailableError } from './store.js';

export interface PostgresOptions {
  /** Connections per instance; instances × poolSize must stay under the server's max_connections. */
  poolSize?: number;
}

/** SQLSTATEs and socket codes that mean "the database is not there right now", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, or the server shutting down
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// node-postgres reports a lost socket and a pool that could not connect in time without any code.
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect)|is not queryable/;

export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08')))
    return true;
  return UNAVAILABLE_MESSAGES.test(err.message);
}

function unavailableOr(err: unknown): never {
  if (isConnectionError(err)) {
    throw new StoreUnavailableError(`PostgreSQL is not reachable: ${(err as Error).message}`, {
      cause: err,
    });
  }
  throw err;
}

/** The pool Kysely sees: every way of losing the database surfaces as StoreUnavailableError, everything else as is. */
function reportingUnavailable(pool: pg.Pool): PostgresPool {
  const guarded = new WeakSet<pg.PoolClient>();
  return {
    async connect() {
      const client = await pool.connect().catch(unavailableOr);
      if (!guarded.has(client)) {
        // The pool listens for errors only while a client is idle. A checked-out client whose socket
        // closes (a terminated backend) emits 'error' too: unheard, that would crash the process. The
        // query in flight fails on its own and the pool drops the dead client on release.
        client.on('error', () => {});
        guarded.add(client);
      }
      // A query cut off by a terminated backend fails on PostgreSQL's message before the socket closes,
      // so the client still looks queryable: released as is, it would serve the next query on a dead
      // socket. One that lost its connection is destroyed instead, and the pool opens a new one.
      let lost = false;
      const wrapped = {
        query: (text: string, params: readonly unknown[]) =>
          client.query(text, [...params]).catch((err: unknown) => {
            if (isConnectionError(err)) lost = true;
            return unavailableOr(err);
          }),
        release: (destroy?: boolean) => client.release(destroy || lost),
      };
      return wrapped as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/** A migrated Kysely over a pg pool; the store and `confab migrate` share it. */
export async function openPostgresDatabase(
  url: string,
  opts: PostgresOptions = {},
): Promise<Kysely<Database>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // Fail fast instead of queueing readers behind a dead database.
    connectionTimeoutMillis: 3000,
    // A peer that vanished without closing the socket (network cut) is noticed by TCP keepalive.
    keepAlive: true,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: reportingUnavailable(pool) }),
  });
  await migrateToLatest(db, 'postgres');
  return db;
}

/** PostgreSQL for sites that run several instances against one database. */
export async function openPostgresStore(
  url: string,
  opts: PostgresOptions = {},
): Promise<KyselyStore> {
  return new GroupCommitStore(await openPostgresDatabase(url, opts));
}
