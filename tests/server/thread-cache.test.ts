import { describe, expect, it, vi } from 'vitest';
import {
  createThreadCache,
  type LoadedPage,
  type PageKey,
} from '../../server/domain/thread-cache.js';
import type { ThreadResponse } from '../../server/schema/index.js';

const URL_A = 'https://news.example/a';
const URL_B = 'https://news.example/b';
const key = (url: string, over: Partial<PageKey> = {}): PageKey => ({
  url,
  sort: 'oldest',
  cursor: null,
  limit: 50,
  ...over,
});

function page(url: string, count: number, html = 'x'): ThreadResponse {
  return {
    thread: { url, title: 'T', count, closed: false },
    comments: Array.from({ length: count }, (_, i) => ({
      id: i + 1,
      parentId: null,
      author: { name: 'A', website: null, avatar: 'abcdef' },
      html,
      createdAt: '2016-05-31T06:24:00.000Z',
      editedAt: null,
      status: 'approved' as const,
      likes: 0,
    })),
    featured: [],
    nextCursor: null,
  };
}

/** A loader that counts its calls and answers a page of `state.count` comments at the time. */
function loader(url: string, threadId: number | null = 1) {
  const state = { count: 1 };
  const load = vi.fn(
    async (): Promise<LoadedPage> => ({ threadId, response: page(url, state.count) }),
  );
  return { state, load };
}

/** A loader the test finishes by hand, to interleave writes with a read in flight. */
function deferredLoader(url: string, threadId: number | null = 1) {
  let finish!: () => void;
  const load = vi.fn(
    () =>
      new Promise<LoadedPage>((resolve) => {
        finish = () => resolve({ threadId, response: page(url, 1) });
      }),
  );
  return { load, finish: () => finish() };
}

describe('thread cache', () => {
  it('loads a page once and answers later reads with the same value', async () => {
    const cache = createThreadCache();
    const { load } = loader(URL_A);
    const first = await cache.get(key(URL_A), load);
    const second = await cache.get(key(URL_A), load);
    expect(load).toHaveBeenCalledTimes(1);
    // The same object: the HTTP layer keeps its serialisation beside it (http/cacheable-body.ts).
    expect(second).toBe(first);
    expect(first.thread.url).toBe(URL_A);
  });

  it('keeps one page per sort, cursor and limit', async () => {
    const cache = createThreadCache();
    const { load } = loader(URL_A);
    await cache.get(key(URL_A), load);
    await cache.get(key(URL_A, { sort: 'newest' }), load);
    await cache.get(key(URL_A, { limit: 10 }), load);
    await cache.get(key(URL_A, { cursor: 'MTAwLjE' }), load);
    await cache.get(key(URL_A, { sort: 'newest' }), load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('shares one load between readers who miss at the same time', async () => {
    const cache = createThreadCache();
    const { load } = loader(URL_A);
    const pages = await Promise.all([
      cache.get(key(URL_A), load),
      cache.get(key(URL_A), load),
      cache.get(key(URL_A), load),
    ]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(pages).size).toBe(1);
  });

  it('forgets every page of a thread on invalidate, and only that thread', async () => {
    const cache = createThreadCache();
    const a = loader(URL_A);
    const b = loader(URL_B, 2);
    await cache.get(key(URL_A), a.load);
    await cache.get(key(URL_A, { sort: 'newest' }), a.load);
    await cache.get(key(URL_B), b.load);
    a.state.count = 2;
    cache.invalidate(URL_A);
    expect((await cache.get(key(URL_A), a.load)).thread.count).toBe(2);
    expect((await cache.get(key(URL_A, { sort: 'newest' }), a.load)).thread.count).toBe(2);
    await cache.get(key(URL_B), b.load);
    expect(a.load).toHaveBeenCalledTimes(4);
    expect(b.load).toHaveBeenCalledTimes(1);
  });

  it('hands a load overtaken by a write to its readers but does not keep it', async () => {
    const cache = createThreadCache();
    const slow = deferredLoader(URL_A);
    const inFlight = cache.get(key(URL_A), slow.load);
    cache.invalidate(URL_A);
    slow.finish();
    expect((await inFlight).thread.url).toBe(URL_A);
    const again = loader(URL_A);
    await cache.get(key(URL_A), again.load);
    expect(again.load).toHaveBeenCalledTimes(1);
  });

  it('does not keep a load that a write overtook while its result was on its way into the cache', async () => {
    // The store has answered; the answer passes through a few promise callbacks before it is kept. A
    // write in any of those turns must still find the load.
    for (let turns = 0; turns < 12; turns++) {
      const cache = createThreadCache();
      const slow = deferredLoader(URL_A);
      const inFlight = cache.get(key(URL_A), slow.load);
      slow.finish();
      for (let i = 0; i < turns; i++) await Promise.resolve();
      cache.invalidate(URL_A);
      await inFlight;
      const again = loader(URL_A);
      await cache.get(key(URL_A), again.load);
      expect(again.load, `write after ${turns} turns`).toHaveBeenCalledTimes(1);
    }
  });

  it('starts a fresh load for readers who arrive after a write, instead of joining the older one', async () => {
    const cache = createThreadCache();
    const slow = deferredLoader(URL_A);
    const before = cache.get(key(URL_A), slow.load);
    cache.invalidate(URL_A);
    const fresh = loader(URL_A);
    fresh.state.count = 3;
    const after = await cache.get(key(URL_A), fresh.load);
    slow.finish();
    await before;
    expect(fresh.load).toHaveBeenCalledTimes(1);
    expect(after.thread.count).toBe(3);
    // The older load, finishing last, did not replace the fresh page.
    expect((await cache.get(key(URL_A), fresh.load)).thread.count).toBe(3);
    expect(fresh.load).toHaveBeenCalledTimes(1);
  });

  it('invalidates by thread id once the thread is known', async () => {
    const cache = createThreadCache();
    const a = loader(URL_A, 7);
    await cache.get(key(URL_A), a.load);
    cache.invalidateThreadId(7);
    await cache.get(key(URL_A), a.load);
    expect(a.load).toHaveBeenCalledTimes(2);
  });

  it('refuses to keep loads in flight when a thread id it does not know yet changes', async () => {
    const cache = createThreadCache();
    const b = loader(URL_B, 2);
    await cache.get(key(URL_B), b.load);
    const slow = deferredLoader(URL_A, 9);
    const inFlight = cache.get(key(URL_A), slow.load);
    cache.invalidateThreadId(9);
    slow.finish();
    await inFlight;
    // The unrelated thread stays; the overtaken load is not kept.
    await cache.get(key(URL_B), b.load);
    expect(b.load).toHaveBeenCalledTimes(1);
    const again = loader(URL_A, 9);
    await cache.get(key(URL_A), again.load);
    expect(again.load).toHaveBeenCalledTimes(1);
  });

  it('still refuses loads of a thread whose pages were evicted when its id changes', async () => {
    const cache = createThreadCache({ maxEntries: 1 });
    await cache.get(key(URL_A), loader(URL_A, 7).load);
    await cache.get(key(URL_B), loader(URL_B, 8).load);
    const slow = deferredLoader(URL_A, 7);
    const inFlight = cache.get(key(URL_A), slow.load);
    cache.invalidateThreadId(7);
    slow.finish();
    await inFlight;
    const again = loader(URL_A, 7);
    await cache.get(key(URL_A), again.load);
    expect(again.load).toHaveBeenCalledTimes(1);
  });

  it('clears everything', async () => {
    const cache = createThreadCache();
    const a = loader(URL_A);
    const b = loader(URL_B, 2);
    await cache.get(key(URL_A), a.load);
    await cache.get(key(URL_B), b.load);
    cache.clear();
    await cache.get(key(URL_A), a.load);
    await cache.get(key(URL_B), b.load);
    expect(a.load).toHaveBeenCalledTimes(2);
    expect(b.load).toHaveBeenCalledTimes(2);
  });

  it('clears everything before a read once another process has written', async () => {
    let version = 1;
    const cache = createThreadCache({ foreignWrites: () => version });
    const a = loader(URL_A);
    await cache.get(key(URL_A), a.load);
    await cache.get(key(URL_A), a.load);
    version = 2;
    await cache.get(key(URL_A), a.load);
    expect(a.load).toHaveBeenCalledTimes(2);
  });

  it('evicts the least recently used page past maxEntries', async () => {
    const cache = createThreadCache({ maxEntries: 2 });
    const loads = ['1', '2', '3'].map((n) => loader(`${URL_A}/${n}`));
    await cache.get(key(`${URL_A}/1`), loads[0]!.load);
    await cache.get(key(`${URL_A}/2`), loads[1]!.load);
    await cache.get(key(`${URL_A}/1`), loads[0]!.load); // 1 is now the most recent
    await cache.get(key(`${URL_A}/3`), loads[2]!.load); // evicts 2
    await cache.get(key(`${URL_A}/1`), loads[0]!.load);
    await cache.get(key(`${URL_A}/2`), loads[1]!.load);
    expect(loads[0]!.load).toHaveBeenCalledTimes(1);
    expect(loads[1]!.load).toHaveBeenCalledTimes(2);
  });

  it('keeps pages up to maxBytes of JSON and does not keep a page larger than that', async () => {
    const one = Buffer.byteLength(JSON.stringify(page(`${URL_A}/1`, 1)));
    const cache = createThreadCache({ maxBytes: one * 2 + 10 });
    const loads = ['1', '2', '3'].map((n) => loader(`${URL_A}/${n}`, null));
    for (const [i, l] of loads.entries()) await cache.get(key(`${URL_A}/${i + 1}`), l.load);
    // Three pages do not fit: the least recently used went.
    await cache.get(key(`${URL_A}/3`), loads[2]!.load);
    await cache.get(key(`${URL_A}/2`), loads[1]!.load);
    await cache.get(key(`${URL_A}/1`), loads[0]!.load);
    expect(loads.map((l) => l.load.mock.calls.length)).toEqual([2, 1, 1]);
    const big = async () => ({ threadId: null, response: page(URL_B, 50) });
    expect(Buffer.byteLength(JSON.stringify((await big()).response))).toBeGreaterThan(one * 2 + 10);
    const bigLoad = vi.fn(big);
    expect((await cache.get(key(URL_B), bigLoad)).comments).toHaveLength(50);
    await cache.get(key(URL_B), bigLoad);
    expect(bigLoad).toHaveBeenCalledTimes(2);
    // Refusing it evicted nothing.
    await cache.get(key(`${URL_A}/1`), loads[0]!.load);
    await cache.get(key(`${URL_A}/2`), loads[1]!.load);
    expect(loads.map((l) => l.load.mock.calls.length)).toEqual([2, 1, 1]);
  });

  it('reads again once more than ttlMs have passed, when one is set', async () => {
    let now = 1000;
    const cache = createThreadCache({ ttlMs: 1000, now: () => now });
    const { load } = loader(URL_A);
    await cache.get(key(URL_A), load);
    now += 1000;
    await cache.get(key(URL_A), load);
    now += 1;
    await cache.get(key(URL_A), load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps nothing with maxEntries 0', async () => {
    const cache = createThreadCache({ maxEntries: 0 });
    const { load } = loader(URL_A);
    await cache.get(key(URL_A), load);
    await cache.get(key(URL_A), load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
