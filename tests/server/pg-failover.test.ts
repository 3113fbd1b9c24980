import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type PgInstance,
  startPgInstance,
  type TestDatabase,
  until,
} from '../support/pg.js';
import { newComment } from '../support/test-app.js';

interface Attempt {
  status: number;
  body: { comment?: { id: number }; error?: { code: string; message: string } };
  retryAfter: string | null;
  text: string;
}

describe('an instance whose PostgreSQL connections are cut', () => {
  let db: TestDatabase;
  let instance: PgInstance;

  beforeAll(async () => {
    db = await createTestDatabase();
    instance = await startPgInstance(db.url);
  });
  afterAll(async () => {
    await instance?.close();
    await db?.drop();
  });

  it('answers 503 service_unavailable meanwhile, loses no acknowledged comment and serves again by itself', async () => {
    const url = 'https://news.example/articles/failover';
    const attempts: Attempt[] = [];
    let acknowledged = 0;
    let stop = false;
    let posted = 0;
    const acks = (n: number) =>
      until(async () => acknowledged >= n, `${n} acknowledged comments`, 10_000);

    async function poster() {
      while (!stop) {
        const text = `comment number ${++posted}`;
        const res = await fetch(`${instance.url}/api/comments`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(newComment({ url, body: text })),
        });
        attempts.push({
          status: res.status,
          body: await res.json(),
          retryAfter: res.headers.get('Retry-After'),
          text,
        });
        if (res.status === 201) acknowledged += 1;
      }
    }
    const posters = Array.from({ length: 4 }, () => poster());

    await acks(10);
    // Hold the posters' inserts on a lock so that the cut finds them mid-transaction (the instance writes
    // comments that arrive together in one transaction, so one or more transactions hold all four).
    const locker = await db.connect();
    await locker.query('begin');
    await locker.query('lock table comments in exclusive mode');
    await until(
      async () =>
        (
          await db.query(
            "select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'",
            [db.name],
          )
        ).length >= 1,
      'posters to wait on the lock',
    );
    // Let the posters whose comments were not in that transaction queue up behind it too.
    await new Promise((r) => setTimeout(r, 100));
    const cut = await locker.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [db.name],
    );
    await locker.query('rollback');
    await locker.end();
    const ackedBeforeRecovery = acknowledged;
    await acks(ackedBeforeRecovery + 10);
    stop = true;
    await Promise.all(posters);

    expect(cut.rowCount).toBeGreaterThanOrEqual(1);
    const failed = attempts.filter((a) => a.status !== 201);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const f of failed) {
      expect(f.status).toBe(503);
      expect(f.body).toEqual({
        error: { code: 'service_unavailable', message: expect.stringMatching(/try again/) },
      });
      expect(f.retryAfter).toBe('1');
    }

    // Every acknowledged comment is stored, and nothing else: no half-written or doubled comment.
    const ok = attempts.filter((a) => a.status === 201);
    const rows = await db.query<{ id: string; body: string }>(
      'select id, body from comments order by id',
    );
    expect(rows.map((r) => Number(r.id)).sort((x, y) => x - y)).toEqual(
      ok.map((a) => a.body.comment!.id).sort((x, y) => x - y),
    );
    expect(new Set(rows.map((r) => r.body))).toEqual(new Set(ok.map((a) => a.text)));

    const health = await fetch(`${instance.url}/healthz`);
    expect(health.status).toBe(200);
    expect(instance.logs.some((l) => String(l.error).startsWith('StoreUnavailableError'))).toBe(
      true,
    );
  });
});
