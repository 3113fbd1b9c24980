import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIpKeys } from '../../server/domain/ip-keys.js';
import { createIpRetention, startIpRetentionTimer } from '../../server/domain/privacy.js';
import { keyedHash } from '../../server/domain/tokens.js';
import { createTestApp, newComment, TEST_SECRET, type TestApp } from '../support/test-app.js';

const IP = '203.0.113.42';
const DAY = 24 * 60 * 60 * 1000;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  vi.useRealTimers();
  await t.close();
});

async function postFrom(ip: string, over: Record<string, unknown> = {}) {
  const res = await t.app.request(
    '/api/comments',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(newComment(over)),
    },
    { incoming: { socket: { remoteAddress: ip } } },
  );
  expect(res.status).toBe(201);
  const { comment } = await res.json();
  return (await t.store.getComment({ id: comment.id }))!;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('IP hashes', () => {
  it('are keyed by a secret of the day, not the server secret a database copy holds', async () => {
    const a = await postFrom(IP);
    const b = await postFrom(IP);
    expect(a.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.ipHash).toBe(b.ipHash);
    expect(a.ipHash).not.toBe(keyedHash(TEST_SECRET, 'ip', IP));
    t.clock.advance(DAY);
    expect((await postFrom(IP)).ipHash).not.toBe(a.ipHash);
  });

  it("keep only today's and yesterday's key: older ones are forgotten, so old hashes cannot be redone", async () => {
    const day0 = t.clock.now();
    await postFrom(IP);
    expect(await t.store.getSetting({ key: `ip-key:${dayOf(day0)}` })).toBeDefined();
    t.clock.advance(DAY);
    await postFrom(IP);
    expect(await t.store.getSetting({ key: `ip-key:${dayOf(day0)}` })).toBeDefined();
    t.clock.advance(DAY);
    await postFrom(IP);
    expect(await t.store.getSetting({ key: `ip-key:${dayOf(day0)}` })).toBeUndefined();
    expect(await t.store.getSetting({ key: `ip-key:${dayOf(day0 + DAY)}` })).toBeDefined();
    expect(await t.store.getSetting({ key: `ip-key:${dayOf(day0 + 2 * DAY)}` })).toBeDefined();
  });

  it('are purged on a timer, with nobody posting', async () => {
    const old = await postFrom(IP);
    t.clock.advance(31 * DAY);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const retention = createIpRetention({
      store: t.store,
      now: t.clock.now,
      ipKeys: createIpKeys({ store: t.store, now: t.clock.now }),
    });
    const stop = startIpRetentionTimer(retention, () => {});
    expect((await t.store.getComment({ id: old.id }))!.ipHash).not.toBeNull();
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    stop();
    expect((await t.store.getComment({ id: old.id }))!.ipHash).toBeNull();
    expect(await t.store.getSetting({ key: `ip-key:${dayOf(old.createdAt)}` })).toBeUndefined();
  });
});

describe('avatars', () => {
  it('cannot be matched by posting with a guessed email: they follow the browser that wrote, too', async () => {
    const email = 'bonnie@example.com';
    const author = { name: 'Bonnie B', email };
    const authorKey = 'k'.repeat(43);
    const first = await postFrom(IP, { author, authorKey });
    const again = await postFrom(IP, { author, authorKey });
    const guesser = await postFrom('198.51.100.9', { author });
    const guesserWithKey = await postFrom('198.51.100.9', { author, authorKey: 'g'.repeat(43) });
    expect(again.avatar).toBe(first.avatar);
    expect(guesser.avatar).not.toBe(first.avatar);
    expect(guesserWithKey.avatar).not.toBe(first.avatar);
  });
});
