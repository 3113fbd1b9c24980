import { describe, expect, it } from 'vitest';
import { InvalidatingStore } from '../../server/domain/invalidating-store.js';
import { createThreadCache, type ThreadCache } from '../../server/domain/thread-cache.js';
import type { ThreadResponse } from '../../server/schema/index.js';
import type { Store } from '../../server/store/store.js';

const URL_A = 'https://news.example/a';
const URL_B = 'https://news.example/b';

const page = (url: string): ThreadResponse => ({
  thread: { url, title: null, count: 0, closed: false },
  comments: [],
  featured: [],
  nextCursor: null,
});

/** A store of the verbs these tests call; comment 404 does not exist, and `failing` verbs throw. */
function fakeStore(failing: string[] = []) {
  const fail = (verb: string) => {
    if (failing.includes(verb)) throw new Error(`${verb} failed`);
  };
  const store = {
    insertComment: async (req: { url: string }) => {
      fail('insertComment');
      return { comment: { threadId: req.url === URL_A ? 1 : 2 }, thread: { url: req.url } };
    },
    updateComment: async (req: { id: number }) => {
      fail('updateComment');
      return req.id === 404 ? undefined : { threadId: 1 };
    },
    updateCommentWithMail: async (req: { changes: { id: number } }) =>
      req.changes.id === 404 ? undefined : { threadId: 1 },
    eraseComment: async () => true,
    getComment: async (req: { id: number }) => (req.id === 404 ? undefined : { threadId: 1 }),
    getThreadPage: async () => ({}),
    putSetting: async () => undefined,
    hitCounter: async () => ({ count: 1, resetAt: 0 }),
    enqueueMail: async () => undefined,
    runImport: async () => ({}),
    eraseAuthor: async () => ({}),
  };
  return store as unknown as Store;
}

/** A cache holding one page of each thread (ids 1 and 2), and a way to tell which are still kept. */
async function cacheWithTwoThreads() {
  const cache = createThreadCache();
  const key = (url: string) => ({ url, sort: 'oldest' as const, cursor: null, limit: 50 });
  const reads: string[] = [];
  const read = (url: string, threadId: number) =>
    cache.get(key(url), async () => {
      reads.push(url);
      return { threadId, response: page(url) };
    });
  await read(URL_A, 1);
  await read(URL_B, 2);
  reads.length = 0;
  return {
    cache,
    /** The threads whose page had to be read again. */
    async reloaded(): Promise<string[]> {
      await read(URL_A, 1);
      await read(URL_B, 2);
      return reads;
    },
  };
}

const decorate = (cache: ThreadCache, failing?: string[]) =>
  new InvalidatingStore(fakeStore(failing), cache);

describe('InvalidatingStore', () => {
  it('drops the pages of the thread a new comment goes to, and only those', async () => {
    const { cache, reloaded } = await cacheWithTwoThreads();
    await decorate(cache).insertComment({ url: URL_A } as never);
    expect(await reloaded()).toEqual([URL_A]);
  });

  it('drops the pages of the thread a failed insert was for, which may have created it', async () => {
    const { cache, reloaded } = await cacheWithTwoThreads();
    await expect(
      decorate(cache, ['insertComment']).insertComment({ url: URL_B } as never),
    ).rejects.toThrow();
    expect(await reloaded()).toEqual([URL_B]);
  });

  it('drops the pages of the thread of an updated, moderated or erased comment', async () => {
    for (const write of [
      (s: Store) => s.updateComment({ id: 5, status: 'spam' }),
      (s: Store) => s.updateCommentWithMail({ changes: { id: 5, status: 'approved' }, outbox: [] }),
      (s: Store) => s.eraseComment({ id: 5 }),
    ]) {
      const { cache, reloaded } = await cacheWithTwoThreads();
      await write(decorate(cache));
      expect(await reloaded()).toEqual([URL_A]);
    }
  });

  it('leaves the cache alone for reads, settings, counters, mail and changes to missing comments', async () => {
    const { cache, reloaded } = await cacheWithTwoThreads();
    const s = decorate(cache);
    await s.getThreadPage({} as never);
    await s.putSetting({ key: 'k', value: 'v' });
    await s.hitCounter({ key: 'k', windowMs: 1000, now: 0 });
    await s.enqueueMail({} as never);
    await s.updateComment({ id: 404, status: 'spam' });
    await s.updateCommentWithMail({ changes: { id: 404 }, outbox: [] });
    await s.eraseComment({ id: 404 });
    expect(await reloaded()).toEqual([]);
  });

  it('clears everything after a bulk write', async () => {
    for (const write of [
      (s: Store) => s.runImport({} as never, async () => ({})),
      (s: Store) => s.eraseAuthor({} as never),
    ]) {
      const { cache, reloaded } = await cacheWithTwoThreads();
      await write(decorate(cache));
      expect(await reloaded()).toEqual([URL_A, URL_B]);
    }
  });

  it('clears everything when an update fails, since whether it wrote is unknown', async () => {
    const { cache, reloaded } = await cacheWithTwoThreads();
    await expect(
      decorate(cache, ['updateComment']).updateComment({ id: 5, status: 'spam' }),
    ).rejects.toThrow();
    expect(await reloaded()).toEqual([URL_A, URL_B]);
  });

  it('declares the reach of each verb, and a verb without one does not compile', () => {
    const s = decorate(createThreadCache());
    expect([s.getComment.reach, s.insertComment.reach, s.runImport.reach]).toEqual([
      'nothing',
      'thread',
      'everything',
    ]);
    // @ts-expect-error: a bare function does not say what it changes of the cached pages.
    const undeclared: InvalidatingStore['getComment'] = async () => undefined;
    expect(undeclared).toBeTypeOf('function');
  });
});
