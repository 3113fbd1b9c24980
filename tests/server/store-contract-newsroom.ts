import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewComment, Store } from '../../server/store/store.js';
import { draftComment, T0 } from '../support/draft-comment.js';
import type { StoreUnderTest } from './store-contract.js';

const DAY = 24 * 60 * 60 * 1000;
const READER = ['approved', 'deleted'] as const;

let seq = 0;
const newUrl = () => `https://news.example/newsroom-${++seq}`;
const draft = (url: string, over: Partial<NewComment> = {}) =>
  draftComment(url, { body: `Words ${++seq}`, createdAt: T0 + seq, ...over });

/** The Store contract's newsroom verbs (issue 14), on every engine. */
export function describeNewsroomContract(
  name: string,
  openFreshStore: () => Promise<StoreUnderTest>,
) {
  describe(`Store contract, the newsroom's verbs, on ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    beforeAll(async () => {
      subject = await openFreshStore();
      store = subject.store;
    });
    afterAll(() => subject?.dispose());
    const insert = async (c: NewComment) => (await store.insertComment(c)).comment;

    it('retitles a thread only when asked, keeps an admin’s title, and keeps the first publication stated', async () => {
      const url = newUrl();
      await insert(draft(url, { title: 'First', publishedAt: T0 - DAY }));
      await insert(draft(url, { title: 'Second', publishedAt: T0 }));
      expect(await store.getThread({ url })).toMatchObject({
        title: 'First',
        publishedAt: T0 - DAY,
      });
      const { thread } = await store.insertComment(
        draft(url, { title: 'Second', retitle: true, createdAt: T0 + DAY }),
      );
      expect(thread).toMatchObject({ title: 'Second', titleUpdatedAt: T0 + DAY });
      await store.updateThread({
        url,
        title: 'Set by the desk',
        titleLocked: true,
        now: T0 + 2 * DAY,
      });
      await insert(draft(url, { title: 'Third', retitle: true }));
      expect(await store.getThread({ url })).toMatchObject({
        title: 'Set by the desk',
        titleLocked: true,
        titleUpdatedAt: T0 + 2 * DAY,
      });
    });

    it('creates a thread an admin closes before its first comment, and changes only what is named', async () => {
      const url = newUrl();
      expect(await store.getThread({ url })).toBeUndefined();
      const closed = await store.updateThread({ url, closed: true, now: T0 });
      expect(closed).toMatchObject({
        url,
        title: null,
        createdAt: T0,
        closed: true,
        titleLocked: false,
      });
      expect(
        await store.updateThread({ url, title: 'T', titleLocked: true, now: T0 + 1 }),
      ).toMatchObject({
        closed: true,
        title: 'T',
      });
      expect(await store.updateThread({ url, closed: null, now: T0 + 2 })).toMatchObject({
        closed: null,
        title: 'T',
      });
    });

    it('counts one like per voter, withdraws it once, and forgets likes with their comment', async () => {
      const c = await insert(draft(newUrl()));
      const like = (voterHash: string, liked = true) =>
        store.setLike({ commentId: c.id, voterHash, liked, now: T0 });
      expect((await like('a'))?.likes).toBe(1);
      expect((await like('a'))?.likes).toBe(1);
      expect((await like('b'))?.likes).toBe(2);
      expect((await like('a', false))?.likes).toBe(1);
      expect((await like('a', false))?.likes).toBe(1);
      expect((await store.getComment({ id: c.id }))?.likes).toBe(1);
      await store.eraseComment({ id: c.id });
      expect(await like('c')).toBeUndefined();
    });

    it('orders sort=best by likes, then oldest, and lists featured comments on the first page only', async () => {
      const url = newUrl();
      const [a, b, c] = [
        await insert(draft(url)),
        await insert(draft(url)),
        await insert(draft(url)),
      ];
      await store.setLike({ commentId: c.id, voterHash: 'x', liked: true, now: T0 });
      await store.updateComment({ id: b.id, featuredAt: T0 + DAY });
      const first = await store.getThreadPage({
        url,
        sort: 'best',
        limit: 2,
        after: null,
        statuses: READER,
        featuredLimit: 5,
      });
      expect(first.comments.map((x) => x.id)).toEqual([c.id, a.id]);
      expect(first.featured.map((x) => [x.id, x.featuredAt])).toEqual([[b.id, T0 + DAY]]);
      expect(first.next).toEqual({ likes: 0, createdAt: a.createdAt, id: a.id });
      const second = await store.getThreadPage({
        url,
        sort: 'best',
        limit: 2,
        after: first.next,
        statuses: READER,
        featuredLimit: 5,
      });
      expect(second.comments.map((x) => x.id)).toEqual([b.id]);
      expect(second.featured).toEqual([]);
    });

    it('lists the bans in force, newest first, and removes one once', async () => {
      const ban = (over: Record<string, unknown>) =>
        store.addBan({
          kind: 'email',
          value: 'x@example.com',
          ipKey: null,
          commentId: null,
          reason: 'r',
          createdBy: 'admin',
          createdAt: T0,
          expiresAt: null,
          ...over,
        });
      const email = await ban({ value: 'troll@example.com' });
      const expired = await ban({ value: 'troll@example.com', expiresAt: T0 + DAY });
      const address = await ban({ kind: 'ip', value: 'hash', ipKey: 'key', commentId: 7 });
      const other = await ban({ value: 'other@example.com' });
      expect(address).toMatchObject({ kind: 'ip', ipKey: 'key', commentId: 7 });
      const listed = (await store.listBans({ now: T0 + DAY })).map((b) => b.id);
      expect(listed).toEqual([other.id, address.id, email.id]);
      expect(listed).not.toContain(expired.id);
      expect(await store.removeBan({ id: email.id })).toBe(true);
      expect(await store.removeBan({ id: email.id })).toBe(false);
    });
  });
}
