import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApp, ENGINES } from '../support/engine-app.js';
import {
  createTestDatabase,
  type PgInstance,
  startPgInstance,
  type TestDatabase,
} from '../support/pg.js';
import { type SseReader, sseReader } from '../support/sse.js';
import { newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const PAGE = 'https://news.example/2016/05/closing-live';
const DAY = 24 * 60 * 60 * 1000;
const events = (url: string) => `/api/events?url=${encodeURIComponent(url)}`;
const threads = (url: string) => `/api/admin/threads?url=${encodeURIComponent(url)}`;

const streams: SseReader[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.cancel().catch(() => {})));
});
function follow(res: Response): SseReader {
  expect(res.status).toBe(200);
  const stream = sseReader(res);
  streams.push(stream);
  return stream;
}

describe.each(ENGINES)('live readers of a thread an admin closes, on %s', (engine) => {
  let t: TestApp;
  afterEach(() => t?.close());

  const patch = (body: unknown, url = PAGE) =>
    t.call('PATCH', threads(url), body, { Authorization: `Bearer ${TOKEN}` });

  it('hear thread.updated {closed: true} when it closes and {closed: false} when it reopens, once per change', async () => {
    t = await createEngineApp(engine, { adminToken: TOKEN });
    const reader = follow(await t.app.request(events(PAGE)));

    expect((await patch({ closed: true })).status).toBe(200);
    const closed = await reader.nextEvent();
    expect(closed.event).toBe('thread.updated');
    expect(JSON.parse(closed.data!)).toEqual({ closed: true });

    // Closing it again, or setting its title, changes nothing readers see: the next event is the reopening.
    await patch({ closed: true });
    await patch({ title: 'A title' });
    await patch({ closed: false });
    const reopened = await reader.nextEvent();
    expect(reopened.event).toBe('thread.updated');
    expect(JSON.parse(reopened.data!)).toEqual({ closed: false });
  });

  it('tells them when handing an old thread back to the age rule closes it', async () => {
    t = await createEngineApp(engine, { adminToken: TOKEN, closeAfterDays: 1 });
    await patch({ closed: false });
    t.clock.advance(2 * DAY);
    const reader = follow(await t.app.request(events(PAGE)));

    await patch({ closed: null });
    expect(JSON.parse((await reader.nextEvent()).data!)).toEqual({ closed: true });
  });

  it('tells them when the age rule will close it, and that it will not once an admin keeps it open', async () => {
    t = await createEngineApp(engine, { adminToken: TOKEN, closeAfterDays: 7 });
    const published = '2016-05-31T06:24:00.000Z';
    expect(
      (await t.call('POST', '/api/comments', newComment({ url: PAGE, published }))).status,
    ).toBe(201);
    const reader = follow(await t.app.request(events(PAGE)));

    await patch({ closed: false });
    expect(JSON.parse((await reader.nextEvent()).data!)).toEqual({ closed: false });
    await patch({ closed: null });
    expect(JSON.parse((await reader.nextEvent()).data!)).toEqual({
      closed: false,
      closesAt: new Date(Date.parse(published) + 7 * DAY).toISOString(),
    });
  });

  it('tells readers of other threads nothing', async () => {
    t = await createEngineApp(engine, { adminToken: TOKEN });
    const other = 'https://news.example/other';
    const reader = follow(await t.app.request(events(other)));
    await patch({ closed: true });
    expect((await t.call('POST', '/api/comments', newComment({ url: other }))).status).toBe(201);
    // Events arrive in order: the first this reader gets is its own thread's new comment.
    expect((await reader.nextEvent()).event).toBe('comment.created');
  });
});

describe('live readers on another instance (PostgreSQL LISTEN/NOTIFY)', () => {
  let db: TestDatabase;
  let a: PgInstance;
  let b: PgInstance;
  beforeAll(async () => {
    db = await createTestDatabase();
    const config = { adminToken: TOKEN };
    [a, b] = await Promise.all([
      startPgInstance(db.url, { config }),
      startPgInstance(db.url, { config }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('hear the thread close and reopen when the admin does it through the other', async () => {
    const reader = follow(await fetch(`${b.url}${events(PAGE)}`));
    const close = await fetch(`${a.url}${threads(PAGE)}`, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ closed: true }),
    });
    expect(close.status).toBe(200);
    const closed = await reader.nextEvent();
    expect([closed.event, JSON.parse(closed.data!)]).toEqual(['thread.updated', { closed: true }]);

    await fetch(`${a.url}${threads(PAGE)}`, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ closed: false }),
    });
    const reopened = await reader.nextEvent();
    expect([reopened.event, JSON.parse(reopened.data!)]).toEqual([
      'thread.updated',
      { closed: false },
    ]);
  });
});
