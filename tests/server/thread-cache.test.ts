import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import {
  createThreadCache,
  etagMatches,
  invalidatingStore,
  type LoadedPage,
  type PageKey,
  pickEncoding,
  type ThreadCache,
} from '../../server/domain/thread-cache.js';
import type { ThreadResponse } from '../../server/schema/index.js';
import type { Store } from '../../server/store/store.js';

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

/** A loader that counts its calls and answers what `next` holds at the time. */
function loader(url: string, threadId: number | null = 1) {
  const state = { calls: 0, count: 1 };
  const load = vi.fn(async (): Promise<LoadedPage> => {
    state.calls += 1;
    return { threadId, response: page(url, state.count) };
  });
  return { state, load };
}

/** A loader the test finishes by hand, to interleave writes with a read in flight. */
function deferredLoader(url: string, threadId: number | null = 1) {
  let finish!: () => void;
  const load = () =>
    new Promise<LoadedPage>((resolve) => {
      finish = () => resolve({ threadId, response: page(url, 1) });
    });
  return { load, finish: () => finish() };
}

const json = (p: { body: Uint8Array }) =>
  JSON.parse(Buffer.from(p.body).toString('utf8')) as ThreadResponse;

describe('thread cache', () => {
  it('loads a page once and answers later reads with the same bytes', async () => {
    const cache = createThreadCache();
    const { load } = loader(URL_A);
    const first = await cache.get(key(URL_A), load);
    const second = await cache.get(key(URL_A), load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(json(first).thread.url).toBe(URL_A);
    expect(first.etag).toMatch(/^W\/"[\w-]{22}"$/);
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
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
    expect(cache.stats().entries).toBe(4);
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
    expect(json(await cache.get(key(URL_A), a.load)).thread.count).toBe(2);
    expect(json(await cache.get(key(URL_A, { sort: 'newest' }), a.load)).thread.count).toBe(2);
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
    await inFlight;
    expect(cache.stats()).toMatchObject({ entries: 0, discarded: 1 });
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
    expect(json(after).thread.count).toBe(3);
    expect(json(await cache.get(key(URL_A), fresh.load)).thread.count).toBe(3);
  });

  it('invalidates by thread id once the thread is known', async () => {
    const cache = createThreadCache();
    const a = loader(URL_A, 7);
    await cache.get(key(URL_A), a.load);
    cache.invalidateThreadId(7);
    expect(cache.stats().entries).toBe(0);
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
    expect(cache.stats()).toMatchObject({ entries: 1, discarded: 1 });
  });

  it('forgets the id of a thread once none of its pages is kept', async () => {
    const cache = createThreadCache({ maxEntries: 1 });
    await cache.get(key(URL_A), loader(URL_A, 7).load);
    await cache.get(key(URL_B), loader(URL_B, 8).load);
    expect(cache.stats()).toMatchObject({ entries: 1, threadIds: 1 });
    // A write to the evicted thread still refuses whatever load of it may be in flight.
    const slow = deferredLoader(URL_A, 7);
    const inFlight = cache.get(key(URL_A), slow.load);
    cache.invalidateThreadId(7);
    slow.finish();
    await inFlight;
    expect(cache.stats()).toMatchObject({ entries: 1, discarded: 1 });
  });

  it('clears everything', async () => {
    const cache = createThreadCache();
    await cache.get(key(URL_A), loader(URL_A).load);
    await cache.get(key(URL_B), loader(URL_B, 2).load);
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
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
    expect(cache.stats().entries).toBe(2);
  });

  it('keeps its bytes under maxBytes and does not keep a page larger than that', async () => {
    const one = Buffer.byteLength(JSON.stringify(page(URL_A, 1)));
    const cache = createThreadCache({ maxBytes: one * 2 + 10 });
    for (const n of ['1', '2', '3'])
      await cache.get(key(`${URL_A}/${n}`), async () => ({
        threadId: null,
        response: page(`${URL_A}/${n}`, 1),
      }));
    expect(cache.stats().entries).toBe(2);
    expect(cache.stats().bytes).toBeLessThanOrEqual(one * 2 + 10);
    const big = await cache.get(key(URL_B), async () => ({
      threadId: null,
      response: page(URL_B, 50),
    }));
    expect(big.body.byteLength).toBeGreaterThan(one * 2 + 10);
    expect(cache.stats().entries).toBe(2);
  });

  it('reads again after ttlMs when one is set', async () => {
    let now = 1000;
    const cache = createThreadCache({ ttlMs: 1000, now: () => now });
    const { load } = loader(URL_A);
    await cache.get(key(URL_A), load);
    now += 999;
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
    expect(cache.stats().entries).toBe(0);
  });

  it('compresses a page once per encoding and counts the copies in its bytes', async () => {
    const cache = createThreadCache();
    const p = await cache.get(key(URL_A), async () => ({
      threadId: 1,
      response: page(URL_A, 20, 'words '.repeat(40)),
    }));
    const before = cache.stats().bytes;
    const br = cache.encoded(p, 'br')!;
    const gz = cache.encoded(p, 'gzip')!;
    expect(cache.encoded(p, 'br')).toBe(br);
    expect(Buffer.compare(brotliDecompressSync(br), Buffer.from(p.body))).toBe(0);
    expect(Buffer.compare(gunzipSync(gz), Buffer.from(p.body))).toBe(0);
    expect(cache.stats().bytes).toBe(before + br.byteLength + gz.byteLength);
  });

  it('does not compress small pages', async () => {
    const cache = createThreadCache();
    const p = await cache.get(key(URL_A), async () => ({
      threadId: null,
      response: page(URL_A, 0),
    }));
    expect(cache.encoded(p, 'gzip')).toBeNull();
  });
});

describe('conditional and encoded answers', () => {
  it('matches If-None-Match weakly, in lists and with *', () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });

  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});

describe('invalidatingStore', () => {
  function fakeStore() {
    const calls: string[] = [];
    const store = {
      insertComment: async (req: { url: string }) => (
        calls.push(`insert ${req.url}`), { comment: { threadId: 1 }, thread: { url: req.url } }
      ),
      updateComment: async (req: { id: number }) => (
        calls.push(`update ${req.id}`), req.id === 404 ? undefined : { threadId: 1 }
      ),
      eraseComment: async (req: { id: number }) => (calls.push(`erase ${req.id}`), true),
      getComment: async (req: { id: number }) => ({ id: req.id, threadId: 1 }),
      getThreadPage: async () => (calls.push('read'), {}),
      putSetting: async () => undefined,
      importAll: async () => (calls.push('import'), {}),
    };
    return { store: store as unknown as Store, calls };
  }

  async function cacheWithTwoThreads(): Promise<ThreadCache> {
    const cache = createThreadCache();
    await cache.get(key(URL_A), async () => ({ threadId: 1, response: page(URL_A, 1) }));
    await cache.get(key(URL_B), async () => ({ threadId: 2, response: page(URL_B, 1) }));
    return cache;
  }

  it('drops the pages of the thread a new comment goes to', async () => {
    const cache = await cacheWithTwoThreads();
    const { store, calls } = fakeStore();
    await invalidatingStore(store, cache).insertComment({ url: URL_A } as never);
    expect(calls).toEqual([`insert ${URL_A}`]);
    expect(cache.stats().entries).toBe(1);
  });

  it('drops the pages of the thread of an updated or erased comment', async () => {
    for (const write of [
      (s: Store) => s.updateComment({ id: 5, status: 'spam' }),
      (s: Store) => s.eraseComment({ id: 5 }),
    ]) {
      const cache = await cacheWithTwoThreads();
      await write(invalidatingStore(fakeStore().store, cache));
      expect(cache.stats().entries).toBe(1);
    }
  });

  it('leaves the cache alone for reads, settings and updates of missing comments', async () => {
    const cache = await cacheWithTwoThreads();
    const s = invalidatingStore(fakeStore().store, cache);
    await s.getThreadPage({} as never);
    await s.putSetting({ key: 'k', value: 'v' });
    await s.updateComment({ id: 404, status: 'spam' });
    expect(cache.stats().entries).toBe(2);
  });

  it('clears everything after any other write, including verbs it does not know', async () => {
    const cache = await cacheWithTwoThreads();
    await invalidatingStore(fakeStore().store, cache).importAll({} as never);
    expect(cache.stats().entries).toBe(0);
  });
});
