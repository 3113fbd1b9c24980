import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { CHALLENGE_TTL_MS, createPow } from '../../server/domain/pow.js';
import type { BusEvent } from '../../server/events/bus.js';
import type { PowChallenge, PowSolution } from '../../server/schema/index.js';
import { solveChallenge } from '../../widget/api/pow.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const DIFFICULTY = 2000;

async function challengeOf(t: TestApp): Promise<PowChallenge> {
  const res = await t.call('GET', '/api/challenge');
  expect(res.status).toBe(200);
  return res.json();
}

async function solved(t: TestApp): Promise<PowSolution> {
  const solution = await solveChallenge(await challengeOf(t));
  if (!solution) throw new Error('the challenge had no solution');
  return solution;
}

/** A puzzle made by hand: the number is known, the signature is not the server's. */
function puzzle(number: number, maxnumber: number): PowChallenge {
  const salt = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  return {
    algorithm: 'SHA-256',
    challenge: createHash('sha256')
      .update(salt + number)
      .digest('hex'),
    salt,
    maxnumber,
    issuedAt: '2016-05-31T06:24:00.000Z',
    expiresAt: '2016-05-31T07:24:00.000Z',
    signature: '0'.repeat(64),
  };
}

async function expectPowRefused(res: Response, why: string | RegExp) {
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body.error.code).toBe('invalid_request');
  expect(body.error.message).toBe('The anti-spam check did not pass. Please try again.');
  expect(body.error.fields.pow).toMatch(why);
}

describe('proof-of-work configuration', () => {
  it('is on by default with 10,000 as the largest number and 2 s as the least time to post', () => {
    const parsed = parseConfig({});
    expect(
      parsed.ok && [parsed.config.pow, parsed.config.powDifficulty, parsed.config.minSubmitSeconds],
    ).toEqual([true, 10_000, 2]);
  });

  it('reads CONFAB_POW, CONFAB_POW_DIFFICULTY and CONFAB_MIN_SUBMIT_SECONDS', () => {
    const parsed = parseConfig({
      CONFAB_POW: 'off',
      CONFAB_POW_DIFFICULTY: '50000',
      CONFAB_MIN_SUBMIT_SECONDS: '0',
    });
    expect(
      parsed.ok && [parsed.config.pow, parsed.config.powDifficulty, parsed.config.minSubmitSeconds],
    ).toEqual([false, 50_000, 0]);
  });

  it('refuses a difficulty that is not a whole number in range', () => {
    for (const v of ['0', '1.5', 'hard', '99999999']) {
      const parsed = parseConfig({ CONFAB_POW_DIFFICULTY: v });
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.errors[0]).toMatch(/^CONFAB_POW_DIFFICULTY: /);
    }
  });
});

describe('GET /api/challenge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { pow: true, powDifficulty: DIFFICULTY } });
  });
  afterAll(() => t.close());

  it('returns a signed challenge that expires in ten minutes and is never cached', async () => {
    const res = await t.call('GET', '/api/challenge');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const c = await res.json();
    expect(c).toEqual({
      algorithm: 'SHA-256',
      challenge: expect.stringMatching(/^[0-9a-f]{64}$/),
      salt: expect.stringMatching(/^[0-9a-f]{32}$/),
      maxnumber: DIFFICULTY,
      issuedAt: new Date(t.clock.now()).toISOString(),
      expiresAt: new Date(t.clock.now() + CHALLENGE_TTL_MS).toISOString(),
      minSubmitSeconds: 2,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('states the least time to post that the operator set, for the widget to wait out', async () => {
    const quick = await createTestApp({ config: { pow: true, minSubmitSeconds: 0 } });
    const slow = await createTestApp({ config: { pow: true, minSubmitSeconds: 7.5 } });
    try {
      expect((await challengeOf(quick)).minSubmitSeconds).toBe(0);
      expect((await challengeOf(slow)).minSubmitSeconds).toBe(7.5);
    } finally {
      await Promise.all([quick.close(), slow.close()]);
    }
  });

  it('hides a different number behind a different salt every time', async () => {
    const [a, b] = [await challengeOf(t), await challengeOf(t)];
    expect(a.salt).not.toBe(b.salt);
    expect(a.challenge).not.toBe(b.challenge);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await (await t.call('GET', '/api/openapi.json')).json();
    expect(doc.paths['/api/challenge'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.PostCommentInput.properties.pow).toBeDefined();
  });
});

describe('GET /api/challenge with CONFAB_POW=off', () => {
  it('answers 404 not_found, telling the widget to post without pow', async () => {
    const t = await createTestApp({ config: { pow: false } });
    const res = await t.call('GET', '/api/challenge');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: 'not_found',
        message: 'Proof of work is off on this server: post without `pow`.',
      },
    });
    await t.close();
  });
});

describe('POST /api/comments with proof of work on', () => {
  let t: TestApp;
  const events: BusEvent[] = [];
  beforeAll(async () => {
    t = await createTestApp({ config: { pow: true, powDifficulty: DIFFICULTY } });
  });
  afterAll(() => t.close());

  const post = (over: Record<string, unknown>) => t.call('POST', '/api/comments', newComment(over));
  const thread = async (url: string) =>
    (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json();

  it('accepts a post carrying a solved challenge', async () => {
    const pow = await solved(t);
    t.clock.advance(5000);
    const res = await post({ pow });
    expect(res.status).toBe(201);
    expect((await res.json()).comment.status).toBe('approved');
  });

  it('returns 400 invalid_request with fields.pow when the solution is missing', async () => {
    await expectPowRefused(await post({}), 'is required: solve GET /api/challenge first');
  });

  it('refuses a solution used before, so it cannot be replayed', async () => {
    const pow = await solved(t);
    t.clock.advance(5000);
    expect((await post({ pow })).status).toBe(201);
    await expectPowRefused(await post({ pow }), 'has already been used: solve a new challenge');
  });

  it('refuses a solution whose challenge has expired', async () => {
    const pow = await solved(t);
    t.clock.advance(CHALLENGE_TTL_MS + 1);
    await expectPowRefused(await post({ pow }), 'has expired: solve a new challenge');
  });

  it('accepts a solution in the last moment of its challenge', async () => {
    const pow = await solved(t);
    t.clock.advance(CHALLENGE_TTL_MS);
    expect((await post({ pow })).status).toBe(201);
  });

  it('refuses a wrong number', async () => {
    const pow = await solved(t);
    t.clock.advance(5000);
    await expectPowRefused(
      await post({ pow: { ...pow, number: (pow.number + 1) % (DIFFICULTY + 1) } }),
      'is not solved',
    );
  });

  it.each([
    ['an easier maxnumber', { maxnumber: 1 }],
    ['a later expiry', { expiresAt: '2099-01-01T00:00:00.000Z' }],
    ['an earlier issue time', { issuedAt: '2000-01-01T00:00:00.000Z' }],
    ['another salt', { salt: 'f'.repeat(32) }],
    ['another signature', { signature: 'a'.repeat(64) }],
  ])('refuses a challenge changed to %s', async (_what, change) => {
    const pow = await solved(t);
    t.clock.advance(5000);
    await expectPowRefused(
      await post({ pow: { ...pow, ...change } }),
      'is not a challenge from this server',
    );
  });

  it('refuses a puzzle the client made up, solved or not', async () => {
    const forged = { ...puzzle(7, 10), number: 7 };
    await expectPowRefused(await post({ pow: forged }), 'is not a challenge from this server');
  });

  it("refuses a challenge signed with another server's secret", async () => {
    const elsewhere = createPow({
      secret: 'another-server-secret-0123456789',
      maxnumber: DIFFICULTY,
      minSubmitSeconds: 2,
      now: t.clock.now,
      store: t.store,
    });
    const foreign = await solveChallenge(await elsewhere.issue({ url: null, client: 'unknown' }));
    t.clock.advance(5000);
    await expectPowRefused(await post({ pow: foreign }), 'is not a challenge from this server');
  });

  it('names the malformed part of a solution', async () => {
    const pow = await solved(t);
    const res = await post({ pow: { ...pow, number: -1, challenge: 'zz' } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(Object.keys(body.error.fields).sort()).toEqual(['pow.challenge', 'pow.number']);
  });

  it('keeps a post sent sooner than the minimum time after its challenge as spam, answering as if held', async () => {
    t.events.subscribe('https://news.example/too-fast', (e) => events.push(e));
    const pow = await solved(t);
    t.clock.advance(1999);
    const res = await post({ pow, url: 'https://news.example/too-fast' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.comment.status).toBe('pending');
    expect(body.editToken).toEqual(expect.any(String));
    expect((await t.store.getComment({ id: body.comment.id }))?.status).toBe('spam');
    expect(await thread('https://news.example/too-fast')).toMatchObject({
      thread: { count: 0 },
      comments: [],
    });
    expect(events).toEqual([]);
  });

  it('publishes a post sent at the minimum time', async () => {
    const pow = await solved(t);
    t.clock.advance(2000);
    const res = await post({ pow });
    expect(res.status).toBe(201);
    expect((await res.json()).comment.status).toBe('approved');
  });
});

describe('proof of work across instances', () => {
  it('refuses on one instance a solution already used on another', async () => {
    const a = await createTestApp({ config: { pow: true, powDifficulty: DIFFICULTY } });
    const b = await createTestApp({
      config: { pow: true, powDifficulty: DIFFICULTY },
      dbPath: a.dbPath,
    });
    const pow = await solved(a);
    a.clock.advance(5000);
    b.clock.advance(5000);
    expect((await a.call('POST', '/api/comments', newComment({ pow }))).status).toBe(201);
    await expectPowRefused(
      await b.call('POST', '/api/comments', newComment({ pow })),
      'has already been used: solve a new challenge',
    );
    await b.close();
    await a.close();
  });
});

describe('POST /api/comments with CONFAB_POW=off', () => {
  it('needs no solution and ignores one that is sent', async () => {
    const t = await createTestApp({ config: { pow: false } });
    expect((await t.call('POST', '/api/comments', newComment())).status).toBe(201);
    const junk = { ...puzzle(1, 10), number: 2 };
    const res = await t.call('POST', '/api/comments', newComment({ pow: junk }));
    expect(res.status).toBe(201);
    expect((await res.json()).comment.status).toBe('approved');
    await t.close();
  });
});

describe('solveChallenge (widget/api/pow.ts)', () => {
  it('finds the hidden number, even the last one', async () => {
    for (const n of [0, 1, 99, 100, 101, 4999]) {
      const solution = await solveChallenge(puzzle(n, 4999));
      expect(solution).toEqual({ ...puzzle(n, 4999), number: n });
    }
  });

  it('resolves null when no number up to maxnumber fits', async () => {
    expect(await solveChallenge(puzzle(600, 500))).toBeNull();
  });

  it('gives the main thread back between slices, so a timer queued before it can abort it', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('the reader left')), 0);
    await expect(
      solveChallenge(puzzle(20_000, 20_000), { signal: controller.signal, sliceMs: 0 }),
    ).rejects.toThrow('the reader left');
  });

  it('does not start when already aborted', async () => {
    await expect(
      solveChallenge(puzzle(1, 10), { signal: AbortSignal.abort(new Error('gone')) }),
    ).rejects.toThrow('gone');
  });
});
