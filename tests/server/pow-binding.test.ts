import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHALLENGE_TTL_MS, FREE_CHALLENGES } from '../../server/domain/pow.js';
import type { PowChallenge } from '../../server/schema/index.js';
import { solveChallenge } from '../../widget/api/pow.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const DIFFICULTY = 500;
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { pow: true, powDifficulty: DIFFICULTY } });
});
afterEach(async () => {
  await t.close();
});

const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

async function challenge(ip: string, url?: string): Promise<PowChallenge> {
  const path = url ? `/api/challenge?url=${encodeURIComponent(url)}` : '/api/challenge';
  const res = await t.app.request(path, {}, from(ip));
  expect(res.status).toBe(200);
  return res.json();
}

async function postFrom(ip: string, body: unknown) {
  return t.app.request(
    '/api/comments',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
    from(ip),
  );
}

async function expectPowRefused(res: Response, why: string) {
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body.error.code).toBe('invalid_request');
  expect(body.error.fields.pow).toContain(why);
}

describe('a proof-of-work challenge is bound', () => {
  it('to the thread it was fetched for', async () => {
    const input = newComment();
    const pow = await solveChallenge(await challenge('203.0.113.1', input.url));
    t.clock.advance(5000);
    await expectPowRefused(
      await postFrom('203.0.113.1', { ...newComment(), pow }),
      'is for another page',
    );
    expect((await postFrom('203.0.113.1', { ...input, pow })).status).toBe(201);
  });

  it('to the address of the client that fetched it', async () => {
    const input = newComment();
    const pow = await solveChallenge(await challenge('203.0.113.1', input.url));
    t.clock.advance(5000);
    await expectPowRefused(await postFrom('198.51.100.7', { ...input, pow }), 'for this address');
    expect((await postFrom('203.0.113.1', { ...input, pow })).status).toBe(201);
  });

  it('to the thread even when the client changes the url it carries', async () => {
    const input = newComment();
    const pow = await solveChallenge(await challenge('203.0.113.1', input.url));
    const other = newComment();
    t.clock.advance(5000);
    await expectPowRefused(
      await postFrom('203.0.113.1', { ...other, pow: { ...pow!, url: other.url } }),
      'is not a challenge from this server',
    );
  });

  it('to its client alone when fetched without url, as older widgets do', async () => {
    const pow = await solveChallenge(await challenge('203.0.113.1'));
    t.clock.advance(5000);
    await expectPowRefused(
      await postFrom('198.51.100.7', { ...newComment(), pow }),
      'for this address',
    );
    expect((await postFrom('203.0.113.1', { ...newComment(), pow })).status).toBe(201);
  });

  it('lives minutes, not an hour', async () => {
    const input = newComment();
    const c = await challenge('203.0.113.1', input.url);
    expect(CHALLENGE_TTL_MS).toBeLessThanOrEqual(10 * 60_000);
    expect(Date.parse(c.expiresAt) - Date.parse(c.issuedAt)).toBe(CHALLENGE_TTL_MS);
    const pow = await solveChallenge(c);
    t.clock.advance(CHALLENGE_TTL_MS + 1);
    await expectPowRefused(await postFrom('203.0.113.1', { ...input, pow }), 'has expired');
  });
});

describe('proof-of-work difficulty', () => {
  it('stays at the base for a reader and doubles for each challenge a client fetches past the free ones', async () => {
    const url = newComment().url;
    const sizes: number[] = [];
    for (let i = 0; i < FREE_CHALLENGES + 3; i++)
      sizes.push((await challenge('203.0.113.9', url)).maxnumber);
    expect(sizes.slice(0, FREE_CHALLENGES)).toEqual(Array(FREE_CHALLENGES).fill(DIFFICULTY));
    expect(sizes.slice(FREE_CHALLENGES)).toEqual([2, 4, 8].map((x) => x * DIFFICULTY));
    expect((await challenge('203.0.113.10', url)).maxnumber).toBe(DIFFICULTY);
  });

  it('is back at the base once the window has passed', async () => {
    const url = newComment().url;
    for (let i = 0; i < FREE_CHALLENGES + 2; i++) await challenge('203.0.113.9', url);
    t.clock.advance(10 * 60_000);
    expect((await challenge('203.0.113.9', url)).maxnumber).toBe(DIFFICULTY);
  });
});

describe('GET /api/challenge?url=', () => {
  it('names the thread in the challenge by its key', async () => {
    const c = await challenge('203.0.113.1', 'https://News.example/a?utm_source=x#c');
    expect(c.url).toBe('https://news.example/a');
  });

  it('answers 400 for a url that is not an address and url_too_long for one too long to keep', async () => {
    const bad = await t.app.request('/api/challenge?url=javascript%3Ax', {}, from('203.0.113.1'));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('url');
    const long = `https://news.example/${'記'.repeat(400)}`;
    const tooLong = await t.app.request(
      `/api/challenge?url=${encodeURIComponent(long)}`,
      {},
      from('203.0.113.1'),
    );
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.code).toBe('url_too_long');
  });

  it('starts doubling after CONFAB_POW_FREE_CHALLENGES when it is set', async () => {
    await t.close();
    t = await createTestApp({
      config: { pow: true, powDifficulty: DIFFICULTY, powFreeChallenges: 2 },
    });
    const url = newComment().url;
    const sizes: number[] = [];
    for (let i = 0; i < 4; i++) sizes.push((await challenge('203.0.113.9', url)).maxnumber);
    expect(sizes).toEqual([1, 1, 2, 4].map((x) => x * DIFFICULTY));
  });
});
