import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApp, ENGINES } from '../support/engine-app.js';
import { newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const DAY = 24 * 60 * 60 * 1000;

let n = 0;
const newPage = () => `https://news.example/2016/05/banned-${++n}`;
const author = (email: string) => ({ name: 'Troll', email });

describe.each(ENGINES)('bans on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createEngineApp(engine, { adminToken: TOKEN });
  });
  afterAll(() => t?.close());

  /** A post from a client address, as the socket gives it. */
  async function post(url: string, over: Record<string, unknown> = {}, ip = '198.51.100.1') {
    t.clock.advance(1000);
    const res = await t.app.request(
      '/api/comments',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(newComment({ url, body: `Words ${++n}`, ...over })),
      },
      { incoming: { socket: { remoteAddress: ip } } },
    );
    expect(res.status).toBe(201);
    return (await res.json()).comment as { id: number; status: string };
  }
  const ban = (body: Record<string, unknown>) => t.call('POST', '/api/admin/bans', body, admin);
  const bans = async () =>
    (await (await t.call('GET', '/api/admin/bans', undefined, admin)).json()).bans;
  const shown = async (url: string) =>
    (
      await (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json()
    ).comments.map((c: { id: number }) => c.id);
  const statusOf = async (id: number) => (await t.store.getComment({ id }))?.status;

  it('answers a banned email’s posts exactly as held ones and keeps them from readers, as spam', async () => {
    const url = newPage();
    const res = await ban({ email: ' Troll@Example.com ', reason: 'Abuse', by: 'Maria' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      id: expect.any(Number),
      kind: 'email',
      email: 'troll@example.com',
      commentId: null,
      reason: 'Abuse',
      createdBy: 'Maria',
      createdAt: new Date(t.clock.now()).toISOString(),
      expiresAt: null,
    });
    const banned = await post(url, { author: author('troll@example.com') });
    expect(banned.status).toBe('pending');
    expect(await statusOf(banned.id)).toBe('spam');
    expect(await shown(url)).toEqual([]);

    // Exactly as a held post is answered: same fields, same shape.
    const held = await post(url, {
      body: 'Hold me, http://a.example http://b.example http://c.example',
    });
    expect(held.status).toBe('pending');
    expect(Object.keys(banned).sort()).toEqual(Object.keys(held).sort());
    expect((await post(url, { author: author('someone@example.com') })).status).toBe('approved');
  });

  it('catches the address a comment came from, whatever email it uses next', async () => {
    const url = newPage();
    const first = await post(url, { author: author('first@example.com') }, '203.0.113.9');
    const res = await ban({ commentId: first.id, reason: 'Spam wave' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      kind: 'ip',
      email: null,
      commentId: first.id,
      createdBy: 'admin',
    });
    const again = await post(url, { author: author('fresh@example.com') }, '203.0.113.9');
    expect(again.status).toBe('pending');
    expect(await statusOf(again.id)).toBe('spam');
    // The next day's posts hash with another key: the ban still knows them.
    t.clock.advance(DAY);
    const tomorrow = await post(url, { author: author('later@example.com') }, '203.0.113.9');
    expect(await statusOf(tomorrow.id)).toBe('spam');
    expect((await post(url, {}, '203.0.113.10')).status).toBe('approved');
    expect(JSON.stringify(await bans())).not.toMatch(/203\.0\.113|ipKey|value/);
  });

  it('ends a ban for some days when they are over', async () => {
    const url = newPage();
    const res = await ban({ email: 'cooling@example.com', reason: 'Heated', days: 2 });
    expect((await res.json()).expiresAt).toBe(new Date(t.clock.now() + 2 * DAY).toISOString());
    expect((await post(url, { author: author('cooling@example.com') })).status).toBe('pending');
    t.clock.advance(2 * DAY);
    expect((await post(url, { author: author('cooling@example.com') })).status).toBe('approved');
    expect((await bans()).some((b: { email: string }) => b.email === 'cooling@example.com')).toBe(
      false,
    );
  });

  it('lists bans newest first with reason and who set them, and lifts one with DELETE', async () => {
    const first = await (
      await ban({ email: 'one@example.com', reason: 'First', by: 'Ann' })
    ).json();
    t.clock.advance(1000);
    const second = await (
      await ban({ email: 'two@example.com', reason: 'Second', by: 'Bo' })
    ).json();
    const listed = await bans();
    expect(listed.slice(0, 2)).toEqual([second, first]);
    const lifted = await t.call('DELETE', `/api/admin/bans/${first.id}`, undefined, admin);
    expect(lifted.status).toBe(204);
    expect((await bans()).map((b: { id: number }) => b.id)).not.toContain(first.id);
    expect((await post(newPage(), { author: author('one@example.com') })).status).toBe('approved');
    const again = await t.call('DELETE', `/api/admin/bans/${first.id}`, undefined, admin);
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe('not_found');
  });

  it('refuses to ban an address the server no longer knows', async () => {
    const url = newPage();
    const old = await post(url, {}, '203.0.113.50');
    t.clock.advance(3 * DAY);
    // A post runs the hourly purge, which forgets the day keys no window needs.
    await post(url, {}, '203.0.113.51');
    const res = await ban({ commentId: old.id, reason: 'Too late' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({
      commentId: 'must be a comment posted in the last two days',
    });
    const noAddress = await t.call('POST', '/api/comments', newComment({ url }));
    const { comment } = await noAddress.json();
    const res2 = await ban({ commentId: comment.id, reason: 'No address' });
    expect(res2.status).toBe(400);
  });

  it('answers 400 for both or neither target, no reason, bad days; 404 for an unknown comment; 401 without the token', async () => {
    for (const body of [
      { email: 'a@example.com', commentId: 1, reason: 'x' },
      { reason: 'x' },
      { email: 'a@example.com' },
      { email: 'a@example.com', reason: 'x', days: 0 },
      { email: 'not an email', reason: 'x' },
    ]) {
      const res = await ban(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_request');
    }
    const missing = await ban({ commentId: 99_999_999, reason: 'x' });
    expect(missing.status).toBe(404);
    expect((await t.call('GET', '/api/admin/bans')).status).toBe(401);
    expect((await t.call('DELETE', '/api/admin/bans/abc', undefined, admin)).status).toBe(400);
  });
});
