import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { migrations } from '../../server/store/migrations/index.js';
import { isConnectionError, openPostgresStore } from '../../server/store/postgres.js';
import { type Store, StoreUnavailableError } from '../../server/store/store.js';
import { createTestDatabase, type TestDatabase, until } from '../support/pg.js';
import { describeStoreContract, type StoreUnderTest } from './store-contract.js';
import { describeImportContract } from './store-contract-import.js';
import { describeNewsroomContract } from './store-contract-newsroom.js';
import { describeSitesContract } from './store-contract-sites.js';

const T0 = Date.UTC(2016, 4, 31, 6, 24);

const openPostgresSubject = async (): Promise<StoreUnderTest> => {
  const db = await createTestDatabase();
  const store = await openPostgresStore(db.url);
  return {
    store,
    countRows: async (table) =>
      Number((await db.query<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n),
    async dispose() {
      await store.close().catch(() => {});
      await db.drop();
    },
  };
};

describeStoreContract('PostgreSQL', openPostgresSubject);
describeNewsroomContract('PostgreSQL', openPostgresSubject);
describeSitesContract('PostgreSQL', openPostgresSubject);
describeImportContract('PostgreSQL', openPostgresSubject);

describe('PostgreSQL store shared by several instances', () => {
  let db: TestDatabase;
  const opened: Store[] = [];
  const open = async (poolSize?: number) => {
    const s = await openPostgresStore(db.url, { poolSize });
    opened.push(s);
    return s;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close().catch(() => {})));
    await db?.drop();
  });

  it('applies each migration exactly once when four instances start together on a fresh database', async () => {
    const [a, b, c, d] = await Promise.all([open(), open(), open(), open()]);
    await Promise.all([a!.ping(), b!.ping(), c!.ping(), d!.ping()]);
    const rows = await db.query<{ name: string; n: string }>(
      'select name, count(*) as n from kysely_migration group by name order by name',
    );
    expect(rows.map((r) => [r.name, Number(r.n)])).toEqual(
      Object.keys(migrations('postgres')).map((name) => [name, 1]),
    );
  });

  it('counts hits from two instances in one shared window', async () => {
    const [a, b] = [await open(), await open()];
    const hit = (s: Store) => s.hitCounter({ key: 'ip:203.0.113.9', windowMs: 60_000, now: T0 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => hit(i % 2 ? a : b)));
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('grants a claim raced for by two instances to exactly one', async () => {
    const [a, b] = [await open(), await open()];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).claimOnce({ key: 'pow:abc', expiresAt: T0 + 60_000, now: T0 }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('settles two instances racing to create a setting on one value', async () => {
    const [a, b] = [await open(), await open()];
    const values = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).getOrCreateSetting({ key: 'secret', init: () => `v${i}` }),
      ),
    );
    expect(new Set(values).size).toBe(1);
  });

  it('opens no more connections than its pool size (CONFAB_PG_POOL, 10 unless set)', async () => {
    const small = parseConfig({ CONFAB_PG_POOL: '3' });
    expect(small.ok && small.config.pgPoolSize).toBe(3);
    expect(
      parseConfig({}).ok &&
        (parseConfig({}) as { config: { pgPoolSize: number } }).config.pgPoolSize,
    ).toBe(10);
    expect(parseConfig({ CONFAB_PG_POOL: '0' }).ok).toBe(false);

    const before = await backendsOf(db);
    const s = await open(3);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.hitCounter({ key: `pool-${i}`, windowMs: 1000, now: T0 }),
      ),
    );
    expect((await backendsOf(db)) - before).toBe(3);
  });

  it('reports an unreachable server as StoreUnavailableError', async () => {
    await expect(
      openPostgresStore('postgres://postgres@127.0.0.1:1/confab'),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('reports a query cut off by a terminated connection as StoreUnavailableError, then reconnects by itself', async () => {
    // A pool of one, so the next query can only get a connection by replacing the one that was cut.
    const s = await open(1);
    await s.ping();
    const locker = await db.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table settings in access exclusive mode');
      const blocked = s.getOrCreateSetting({ key: 'blocked', init: () => 'x' });
      const outcome = blocked.then(
        () => null,
        (e: unknown) => e,
      );
      await until(async () => (await waitingOnLocks(db)) > 0, 'the query to wait on the lock');
      await locker.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [db.name],
      );
      const error = await outcome;
      // Asked at once, before the client has seen its socket close: the cut client must not serve it.
      const after = s.getOrCreateSetting({ key: 'after', init: () => 'back' });
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/PostgreSQL is not reachable/);
      await locker.query('rollback');
      await expect(after).resolves.toBe('back');
    } finally {
      await locker.end();
    }
  });
});

describe('isConnectionError', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    ['57P01 admin_shutdown', withCode('57P01')],
    ['57P03 cannot_connect_now', withCode('57P03')],
    ['08006 connection_failure', withCode('08006')],
    ['08001 unable to connect', withCode('08001')],
    ['ECONNREFUSED', withCode('ECONNREFUSED')],
    ['ECONNRESET', withCode('ECONNRESET')],
    ['a pool connection timeout', new Error('timeout exceeded when trying to connect')],
    ['a socket lost mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a client that lost its connection earlier',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
  ])('recognises %s', (_, err) => {
    expect(isConnectionError(err)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a missing table', withCode('42P01')],
    ['a statement timeout', withCode('57014')],
    ['a plain error', new Error('something else')],
    ['a thrown string', 'ECONNREFUSED'],
  ])('leaves %s alone', (_, err) => {
    expect(isConnectionError(err)).toBe(false);
  });
});

async function backendsOf(db: TestDatabase): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    'select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [db.name],
  );
  return Number(row!.n);
}

async function waitingOnLocks(db: TestDatabase): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    "select count(*) as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'",
    [db.name],
  );
  return Number(row!.n);
}
