import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type C = { id: number; parentId: number | null };

let n = 0;
async function post(over: Record<string, unknown>) {
  // Distinct bodies: the same email posting the same words twice is refused as a duplicate.
  const res = await t.call(
    'POST',
    '/api/comments',
    newComment({ body: `comment ${++n}`, ...over }),
  );
  expect(res.status).toBe(201);
  t.clock.advance(1000);
  return (await res.json()).comment as C;
}

async function page(url: string, q = '') {
  const res = await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}${q}`);
  expect(res.status).toBe(200);
  return res.json() as Promise<{
    thread: { count: number };
    comments: C[];
    nextCursor: string | null;
  }>;
}

describe('threaded replies', () => {
  it('nests replies up to the depth limit and attaches deeper replies at the last level', async () => {
    const url = 'https://news.example/deep';
    let parent = await post({ url });
    const chain = [parent];
    for (let i = 0; i < 4; i++) chain.push((parent = await post({ url, parentId: parent.id })));
    // chain[4] sits at depth 4, the fifth level: a reply to it joins that level under chain[3].
    const tooDeep = await post({ url, parentId: chain[4]!.id });
    expect(tooDeep.parentId).toBe(chain[3]!.id);
    const deeper = await post({ url, parentId: tooDeep.id });
    expect(deeper.parentId).toBe(chain[3]!.id);
  });

  it('follows CONFAB_MAX_DEPTH', async () => {
    const flat = await createTestApp({ config: { maxDepth: 2 } });
    try {
      const url = 'https://news.example/flat';
      const top = (
        await (await flat.call('POST', '/api/comments', newComment({ url, body: 'top' }))).json()
      ).comment;
      const reply = (
        await (
          await flat.call(
            'POST',
            '/api/comments',
            newComment({ url, body: 'reply', parentId: top.id }),
          )
        ).json()
      ).comment;
      const replyToReply = (
        await (
          await flat.call(
            'POST',
            '/api/comments',
            newComment({ url, body: 'deeper', parentId: reply.id }),
          )
        ).json()
      ).comment;
      expect(reply.parentId).toBe(top.id);
      expect(replyToReply.parentId).toBe(top.id);
    } finally {
      await flat.close();
    }
  });

  it('refuses a reply to a comment that is not visible', async () => {
    const held = await createTestApp({ config: { moderation: 'all' } });
    try {
      const input = newComment();
      const pending = (await (await held.call('POST', '/api/comments', input)).json()).comment;
      const res = await held.call('POST', '/api/comments', {
        ...input,
        body: 'a reply',
        parentId: pending.id,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toHaveProperty('parentId');
      const missing = await held.call('POST', '/api/comments', {
        ...input,
        body: 'another reply',
        parentId: 999_999,
      });
      expect(missing.status).toBe(400);
    } finally {
      await held.close();
    }
  });
});

describe('paging', () => {
  async function bigThread(url: string, tops: number) {
    const ids: number[] = [];
    for (let i = 0; i < tops; i++) {
      const top = await post({ url, body: `top ${i}` });
      ids.push(top.id);
      if (i % 3 === 0) ids.push((await post({ url, parentId: top.id, body: `reply ${i}` })).id);
    }
    return ids;
  }

  it('walks three pages oldest first with no duplicate and no gap, replies with their parent', async () => {
    const url = 'https://news.example/paged';
    const all = await bigThread(url, 25);
    const seen: C[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p = await page(url, `&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.comments);
      cursor = p.nextCursor;
      pages++;
      expect(p.thread.count).toBe(all.length);
      // Every reply on a page has its parent on the same page.
      const ids = new Set(p.comments.map((c) => c.id));
      for (const c of p.comments) if (c.parentId !== null) expect(ids.has(c.parentId)).toBe(true);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((c) => c.id)).toEqual(all);
  });

  it('walks newest first in reverse order of top-level comments', async () => {
    const url = 'https://news.example/newest';
    await bigThread(url, 7);
    const first = await page(url, '&sort=newest&limit=3');
    const second = await page(url, `&sort=newest&limit=3&cursor=${first.nextCursor}`);
    const third = await page(url, `&sort=newest&limit=3&cursor=${second.nextCursor}`);
    const tops = [...first.comments, ...second.comments, ...third.comments]
      .filter((c) => c.parentId === null)
      .map((c) => c.id);
    expect(tops).toEqual([...tops].sort((a, b) => b - a));
    expect(tops).toHaveLength(7);
    expect(third.nextCursor).toBeNull();
  });

  it('defaults to 50 top-level comments a page', async () => {
    const url = 'https://news.example/fifty';
    for (let i = 0; i < 51; i++) await post({ url, body: `n${i}` });
    const p = await page(url);
    expect(p.comments).toHaveLength(50);
    expect(p.nextCursor).not.toBeNull();
  });
});
