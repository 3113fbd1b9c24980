import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentEvent } from '../../server/events/bus.js';
import { createEngineApp, ENGINES } from '../support/engine-app.js';
import { newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const KEY_A = 'browser-a-0123456789abcdef';
const KEY_B = 'browser-b-0123456789abcdef';

let n = 0;
const newPage = () => `https://news.example/2016/05/liked-${++n}`;

describe.each(ENGINES)('likes on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createEngineApp(engine, {
      adminToken: TOKEN,
      likeRateLimit: [{ max: 3, windowSeconds: 60 }],
    });
  });
  afterAll(() => t?.close());

  /** Each client its own address, so only the rate-limit test meets the limit. */
  const send = (
    id: number | string,
    body: unknown,
    method = 'POST',
    ip = `198.51.100.${++n % 250}`,
  ) =>
    t.app.request(
      `/api/comments/${id}/like`,
      { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      { incoming: { socket: { remoteAddress: ip } } },
    );
  const like = (id: number, key: string, method = 'POST', ip?: string) =>
    send(id, { key }, method, ip);
  const post = async (url: string, over: Record<string, unknown> = {}) => {
    t.clock.advance(1000);
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ url, body: `Comment ${++n}`, ...over }),
    );
    expect(res.status).toBe(201);
    return (await res.json()).comment.id as number;
  };
  const page = async (url: string, query = '') =>
    (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}${query}`)).json();
  const likesOf = async (url: string, id: number) =>
    (await page(url)).comments.find((c: { id: number }) => c.id === id).likes;

  it('counts one like per browser per comment, however often asked, and takes it back', async () => {
    const url = newPage();
    const id = await post(url);
    expect(await likesOf(url, id)).toBe(0);
    const first = await like(id, KEY_A);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ likes: 1, liked: true });
    expect(await (await like(id, KEY_A)).json()).toEqual({ likes: 1, liked: true });
    expect(await (await like(id, KEY_B)).json()).toEqual({ likes: 2, liked: true });
    expect(await likesOf(url, id)).toBe(2);
    expect(await (await like(id, KEY_A, 'DELETE')).json()).toEqual({ likes: 1, liked: false });
    expect(await (await like(id, KEY_A, 'DELETE')).json()).toEqual({ likes: 1, liked: false });
    expect(await likesOf(url, id)).toBe(1);
  });

  it('counts concurrent likes from many browsers exactly', async () => {
    const url = newPage();
    const id = await post(url);
    const keys = Array.from({ length: 20 }, (_, i) => `racing-browser-${i}-0123456789`);
    const results = await Promise.all(keys.map((k) => like(id, k)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await likesOf(url, id)).toBe(20);
  });

  it('tells live readers the new count as comment.updated, and nothing for a repeat', async () => {
    const url = newPage();
    const id = await post(url);
    const seen: CommentEvent[] = [];
    const stop = t.events.subscribe(url, (e) => {
      if ('comment' in e) seen.push(e);
    });
    await like(id, KEY_A);
    await like(id, KEY_A);
    await like(id, KEY_A, 'DELETE');
    stop();
    expect(seen.map((e) => [e.type, e.comment.id, e.comment.likes])).toEqual([
      ['comment.updated', id, 1],
      ['comment.updated', id, 0],
    ]);
  });

  it('limits likes per client as posting is limited, with Retry-After', async () => {
    const url = newPage();
    const ids = [await post(url), await post(url), await post(url), await post(url)];
    const ip = '203.0.113.77';
    for (const id of ids.slice(0, 3)) expect((await like(id, KEY_A, 'POST', ip)).status).toBe(200);
    const refused = await like(ids[3]!, KEY_A, 'DELETE', ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect((await refused.json()).error).toMatchObject({ code: 'rate_limited' });
    expect((await like(ids[3]!, KEY_A, 'POST', '203.0.113.78')).status).toBe(200);
    t.clock.advance(60_000);
    expect((await like(ids[3]!, KEY_B, 'POST', ip)).status).toBe(200);
  });

  it('orders sort=best by likes, then oldest first, and pages through it with a cursor', async () => {
    const url = newPage();
    const [a, b, c, d] = [await post(url), await post(url), await post(url), await post(url)];
    for (const [id, count] of [
      [b, 2],
      [d, 2],
      [c, 1],
    ] as const)
      for (let i = 0; i < count; i++) await like(id, `best-browser-${i}-0123456789`);
    const reply = await post(url, { parentId: a });
    await like(reply, KEY_A);
    const best = await page(url, '&sort=best');
    expect(best.comments.map((x: { id: number }) => x.id)).toEqual([b, d, c, a, reply]);

    const seen: number[] = [];
    let cursor = '';
    do {
      const p = await page(url, `&sort=best&limit=1${cursor && `&cursor=${cursor}`}`);
      seen.push(
        ...p.comments
          .filter((x: { parentId: number | null }) => !x.parentId)
          .map((x: { id: number }) => x.id),
      );
      cursor = p.nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual([b, d, c, a]);
    const oldestCursor = (await page(url, '&limit=1')).nextCursor;
    const mixed = await t.call(
      'GET',
      `/api/threads?url=${encodeURIComponent(url)}&sort=best&cursor=${oldestCursor}`,
    );
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).error.fields).toEqual({ cursor: 'is not a valid cursor' });
  });

  it('answers 404 for a held, deleted or missing comment and 400 for a bad key or id', async () => {
    const url = newPage();
    const held = await post(url);
    await t.call('PATCH', `/api/admin/comments/${held}`, { status: 'pending' }, admin);
    for (const id of [held, 99_999_999]) {
      const res = await like(id, KEY_A);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        error: { code: 'not_found', message: 'That comment does not exist.' },
      });
    }
    const id = await post(url);
    for (const body of [{ key: 'short' }, {}, { key: 'not url-safe! 0123456789' }]) {
      const res = await send(id, body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toHaveProperty('key');
    }
    const badId = await send('01', { key: KEY_A });
    expect(badId.status).toBe(400);
  });

  it('keeps the count of a comment with replies that is deleted and restored, and forgets likes of an erased one', async () => {
    const url = newPage();
    const id = await post(url);
    await like(id, KEY_A);
    await t.call('PATCH', `/api/admin/comments/${id}`, { status: 'spam' }, admin);
    await t.call('PATCH', `/api/admin/comments/${id}`, { status: 'approved' }, admin);
    expect(await likesOf(url, id)).toBe(1);
    await t.call('DELETE', `/api/admin/comments/${id}`, undefined, admin);
    expect((await like(id, KEY_B)).status).toBe(404);
  });
});
