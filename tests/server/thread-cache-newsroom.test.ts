import { describe, expect, it } from 'vitest';
import { InvalidatingStore } from '../../server/domain/invalidating-store.js';
import { createThreadCache } from '../../server/domain/thread-cache.js';
import type { ThreadResponse } from '../../server/schema/index.js';
import type { Store } from '../../server/store/store.js';

const URL_A = 'https://news.example/a';
const URL_B = 'https://news.example/b';
const key = (url: string) => ({ url, sort: 'oldest' as const, cursor: null, limit: 50 });
const page = (url: string): ThreadResponse => ({
  thread: { url, title: 'T', count: 0, closed: false },
  comments: [],
  featured: [],
  nextCursor: null,
});

/** The newsroom's store verbs as the cache decorator sees them: who changes which thread's pages. */
describe('the thread cache and the newsroom’s store verbs', () => {
  function fakeStore() {
    const store = {
      setLike: async () => ({ threadId: 1 }),
      updateThread: async (req: { url: string }) => ({ url: req.url }),
      getThread: async () => undefined,
      addBan: async () => ({}),
      listBans: async () => [],
      removeBan: async () => true,
    };
    return store as unknown as Store;
  }

  /** A cache holding both threads' pages, and which of them the next reads load again. */
  async function cacheWithTwoThreads() {
    const cache = createThreadCache();
    const loaded: string[] = [];
    const read = async () => {
      loaded.length = 0;
      for (const [url, threadId] of [
        [URL_A, 1],
        [URL_B, 2],
      ] as const)
        await cache.get(
          key(url),
          async () => (loaded.push(url), { threadId, response: page(url) }),
        );
      return [...loaded];
    };
    await read();
    return { cache, reloaded: read };
  }

  it('drops the pages of a liked comment’s thread, and of a thread an admin changed, only', async () => {
    for (const write of [
      (s: Store) => s.setLike({ commentId: 5, voterHash: 'v', liked: true, now: 0 }),
      (s: Store) => s.updateThread({ url: URL_A, closed: true, now: 0 }),
    ]) {
      const { cache, reloaded } = await cacheWithTwoThreads();
      await write(new InvalidatingStore(fakeStore(), cache));
      expect(await reloaded()).toEqual([URL_A]);
    }
  });

  it('leaves every page for thread reads and bans, which readers never see', async () => {
    const { cache, reloaded } = await cacheWithTwoThreads();
    const s = new InvalidatingStore(fakeStore(), cache);
    await s.getThread({ url: URL_A });
    await s.addBan({} as never);
    await s.listBans({ now: 0 });
    await s.removeBan({ id: 1 });
    expect(await reloaded()).toEqual([]);
  });

  it('reads a page again once the moment its load said it goes stale has come', async () => {
    let now = 1000;
    const cache = createThreadCache({ now: () => now });
    let loads = 0;
    const load = async () => ({ threadId: 1, response: page(URL_A), expiresAt: 5000 });
    const get = () => cache.get(key(URL_A), async () => (loads++, load()));
    await get();
    now = 4999;
    await get();
    expect(loads).toBe(1);
    now = 5000;
    await get();
    expect(loads).toBe(2);
  });
});
