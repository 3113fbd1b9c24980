import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../server/domain/url-key.js';
import type { CommentEvent, EventBus } from '../../server/events/bus.js';
import {
  createTestDatabase,
  type PgInstance,
  startPgInstance,
  type TestDatabase,
} from '../support/pg.js';
import { newComment } from '../support/test-app.js';

/** Collects the events of one thread on a bus; `settled()` resolves once `count` have come. */
function collect(bus: EventBus, url: string, count: number) {
  const events: CommentEvent[] = [];
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  bus.subscribe(url, (e) => {
    if (!('comment' in e)) return;
    events.push(e);
    if (events.length === count) resolve();
  });
  return { events, reached };
}

describe('two instances on one PostgreSQL database', () => {
  let db: TestDatabase;
  let a: PgInstance;
  let b: PgInstance;

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = await Promise.all([startPgInstance(db.url), startPgInstance(db.url)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('share one server secret, so avatars and IP hashes agree whichever instance answers', async () => {
    const rows = await db.query<{ value: string }>(
      "select value from settings where key = 'secret'",
    );
    expect(rows).toHaveLength(1);
    const url = 'https://news.example/articles/avatar';
    const [fromA, fromB] = await Promise.all(
      [a, b].map(
        async (i) =>
          (
            await (
              await post(
                i,
                newComment({ url, body: `from ${i.url}`, authorKey: 'one-browser-key-01' }),
              )
            ).json()
          ).comment.author.avatar,
      ),
    );
    expect(fromA).toBe(fromB);
  });

  it('store 100 comments posted through both at once exactly once each, and each hears all of them live', async () => {
    const url = 'https://news.example/articles/busy';
    const key = threadKey(url)!;
    const heardOnA = collect(a.events, key, 100);
    const heardOnB = collect(b.events, key, 100);

    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post(i % 2 ? a : b, newComment({ url, body: `post ${i}` })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
    const ids = await Promise.all(
      responses.map(async (r) => (await r.json()).comment.id as number),
    );
    expect(new Set(ids).size).toBe(100);

    for (const instance of [a, b]) {
      const res = await fetch(
        `${instance.url}/api/threads?url=${encodeURIComponent(url)}&limit=200`,
      );
      const page = await res.json();
      expect(page.thread.count).toBe(100);
      expect(
        page.comments.map((c: { id: number }) => c.id).sort((x: number, y: number) => x - y),
      ).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(page.comments.map((c: { html: string }) => c.html)).size).toBe(100);
    }

    await Promise.all([heardOnA.reached, heardOnB.reached]);
    // A last event through the same path: anything doubled would have arrived before it.
    const sentinel = collect(b.events, key, 1);
    a.events.publish({ ...heardOnA.events[0]!, type: 'comment.updated' });
    await sentinel.reached;
    for (const heard of [heardOnA, heardOnB]) {
      const created = heard.events.filter((e) => e.type === 'comment.created');
      expect(created).toHaveLength(100);
      expect(new Set(created.map((e) => e.comment.id))).toEqual(new Set(ids));
    }
  });
});

function post(instance: PgInstance, body: unknown) {
  return fetch(`${instance.url}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
