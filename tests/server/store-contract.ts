import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../server/schema/index.js';
import type { CommentRecord, NewComment, Store } from '../../server/store/store.js';
import { draftComment, T0 } from '../support/draft-comment.js';

/** One store of the engine under test, over a database of its own. */
export interface StoreUnderTest {
  store: Store;
  /** Rows in a table, read beside the store: shows what the Store interface cannot (purged rows). */
  countRows(
    table: 'claims' | 'counters' | 'imports' | 'import_threads' | 'import_comments',
  ): Promise<number>;
  /** Closes the store unless the test did, and removes its database. */
  dispose(): Promise<void>;
}

const MIN = 60_000;
const READER: readonly CommentStatus[] = ['approved', 'deleted'];
const ALL: readonly CommentStatus[] = ['approved', 'pending', 'spam', 'deleted'];

let seq = 0;
/** Every test works on its own threads, emails and keys, so tests share one store without seeing each other. */
const unique = (what: string) => `${what}-${++seq}`;
const newUrl = () => `https://news.example/${unique('article')}`;

const draft = (url: string, over: Partial<NewComment> = {}) =>
  draftComment(url, {
    title: 'Kazakstan: State Cracks Down On Dissent',
    authorWebsite: 'https://bonnie.example',
    avatar: 'seed-1',
    body: 'While it may be *fair*…',
    html: '<p>While it may be <em>fair</em>…</p>',
    editTokenHash: 'token-hash',
    ipHash: 'ip-hash',
    ...over,
  });

function replyTo(parent: CommentRecord, url: string, over: Partial<NewComment> = {}): NewComment {
  return draft(url, {
    parentId: parent.id,
    rootId: parent.rootId,
    depth: parent.depth + 1,
    createdAt: parent.createdAt + 1,
    ...over,
  });
}

/**
 * The Store contract: every engine passes all of it (SQLite in store-sqlite.test.ts, PostgreSQL in
 * store-postgres.test.ts), so the domain can rely on one behaviour.
 */
export function describeStoreContract(name: string, openFreshStore: () => Promise<StoreUnderTest>) {
  describe(`Store contract on ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    const insert = async (c: NewComment) => (await store.insertComment(c)).comment;

    beforeAll(async () => {
      subject = await openFreshStore();
      store = subject.store;
    });
    afterAll(() => subject?.dispose());

    describe('insertComment', () => {
      it('creates the thread with its first comment and reuses it afterwards', async () => {
        const url = newUrl();
        const first = await store.insertComment(draft(url, { createdAt: T0 }));
        const second = await store.insertComment(draft(url, { createdAt: T0 + MIN }));
        expect(first.thread).toEqual({
          id: expect.any(Number),
          url,
          title: 'Kazakstan: State Cracks Down On Dissent',
          createdAt: T0,
          closed: null,
          publishedAt: null,
          titleUpdatedAt: T0,
          titleLocked: false,
          siteId: 'default',
        });
        expect(second.thread).toEqual(first.thread);
        expect(second.comment.threadId).toBe(first.thread.id);
        expect(await store.getThreadById({ id: first.thread.id })).toEqual(first.thread);
      });

      it('fills the title in only while it is unknown', async () => {
        const url = newUrl();
        expect((await store.insertComment(draft(url, { title: null }))).thread.title).toBeNull();
        expect(
          (await store.insertComment(draft(url, { title: 'Known at last' }))).thread.title,
        ).toBe('Known at last');
        expect(
          (await store.insertComment(draft(url, { title: 'Another title' }))).thread.title,
        ).toBe('Known at last');
      });

      it('returns and keeps every field as given, a top-level comment being its own root', async () => {
        const url = newUrl();
        const input = draft(url, {
          authorWebsite: null,
          ipHash: null,
          body: 'Ünïcödé — 👍',
          html: '<p>Ünïcödé — 👍</p>',
          status: 'pending',
        });
        const { comment, thread } = await store.insertComment(input);
        expect(comment).toEqual({
          id: expect.any(Number),
          threadId: thread.id,
          parentId: null,
          rootId: comment.id,
          depth: 0,
          authorName: input.authorName,
          authorEmail: input.authorEmail,
          authorWebsite: null,
          avatar: input.avatar,
          body: 'Ünïcödé — 👍',
          html: '<p>Ünïcödé — 👍</p>',
          status: 'pending',
          createdAt: T0,
          editedAt: null,
          editTokenHash: 'token-hash',
          ipHash: null,
          likes: 0,
        });
        expect(await store.getComment({ id: comment.id })).toEqual(comment);
      });

      it('places a reply under its parent and root', async () => {
        const url = newUrl();
        const root = await insert(draft(url));
        const child = await insert(replyTo(root, url));
        const grandchild = await insert(replyTo(child, url));
        expect(child).toMatchObject({ parentId: root.id, rootId: root.id, depth: 1 });
        expect(grandchild).toMatchObject({ parentId: child.id, rootId: root.id, depth: 2 });
      });

      it('stores every one of 50 concurrent comments on a new thread exactly once', async () => {
        const url = newUrl();
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            store.insertComment(draft(url, { body: `concurrent ${i}`, createdAt: T0 + i })),
          ),
        );
        const ids = new Set(results.map((r) => r.comment.id));
        expect(ids.size).toBe(50);
        expect(new Set(results.map((r) => r.thread.id)).size).toBe(1);
        const page = await store.getThreadPage({
          url,
          sort: 'oldest',
          limit: 200,
          after: null,
          statuses: READER,
        });
        expect(page.count).toBe(50);
        expect(page.comments.map((c) => c.body).sort()).toEqual(
          Array.from({ length: 50 }, (_, i) => `concurrent ${i}`).sort(),
        );
        expect(new Set(page.comments.map((c) => c.id))).toEqual(ids);
      });
    });

    describe('getComment and getThreadById', () => {
      it('answer undefined for ids that do not exist', async () => {
        expect(await store.getComment({ id: 987_654_321 })).toBeUndefined();
        expect(await store.getThreadById({ id: 987_654_321 })).toBeUndefined();
      });
    });

    describe('getThreadPage', () => {
      it('answers an empty page for an unknown URL and creates nothing by reading', async () => {
        const url = newUrl();
        const empty = { thread: null, count: 0, comments: [], featured: [], next: null };
        expect(
          await store.getThreadPage({
            url,
            sort: 'oldest',
            limit: 10,
            after: null,
            statuses: READER,
          }),
        ).toEqual(empty);
        expect(
          await store.getThreadPage({
            url,
            sort: 'newest',
            limit: 10,
            after: null,
            statuses: READER,
          }),
        ).toEqual(empty);
        expect(await store.countApproved({ urls: [url] })).toEqual(new Map([[url, 0]]));
      });

      it('lists top-level comments oldest first or newest first, whatever order they were stored in', async () => {
        const url = newUrl();
        const middle = await insert(draft(url, { createdAt: T0 + 2 * MIN }));
        const first = await insert(draft(url, { createdAt: T0 }));
        const last = await insert(draft(url, { createdAt: T0 + 5 * MIN }));
        const ids = async (sort: 'oldest' | 'newest') =>
          (
            await store.getThreadPage({ url, sort, limit: 10, after: null, statuses: READER })
          ).comments.map((c) => c.id);
        expect(await ids('oldest')).toEqual([first.id, middle.id, last.id]);
        expect(await ids('newest')).toEqual([last.id, middle.id, first.id]);
      });

      it('pages through four pages by cursor with no gap and no duplicate, ties broken by id', async () => {
        const url = newUrl();
        const times = [T0, T0, T0 + 1, T0 + 1, T0 + 1, T0 + 2, T0 + 3];
        const stored: CommentRecord[] = [];
        for (const createdAt of times) stored.push(await insert(draft(url, { createdAt })));
        // Replies must neither count toward a page's size nor move the cursor.
        await insert(replyTo(stored[0]!, url, { createdAt: T0 + 10 }));
        await insert(replyTo(stored[6]!, url, { createdAt: T0 + 10 }));
        const byTime = [...stored]
          .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
          .map((c) => c.id);

        for (const sort of ['oldest', 'newest'] as const) {
          const seen: number[] = [];
          const sizes: number[] = [];
          let after = null;
          for (let guard = 0; guard < 10; guard++) {
            const page = await store.getThreadPage({
              url,
              sort,
              limit: 2,
              after,
              statuses: READER,
            });
            const top = page.comments.filter((c) => c.parentId === null).map((c) => c.id);
            seen.push(...top);
            sizes.push(top.length);
            if (!page.next) break;
            after = page.next;
          }
          expect(sizes).toEqual([2, 2, 2, 1]);
          expect(seen).toEqual(sort === 'oldest' ? byTime : [...byTime].reverse());
        }
      });

      it('groups the replies of each page under their root, parents before children, oldest first', async () => {
        const url = newUrl();
        const a = await insert(draft(url, { createdAt: T0 }));
        const b = await insert(draft(url, { createdAt: T0 + MIN }));
        const a1 = await insert(replyTo(a, url, { createdAt: T0 + 2 * MIN }));
        const b1 = await insert(replyTo(b, url, { createdAt: T0 + 3 * MIN }));
        const a1x = await insert(replyTo(a1, url, { createdAt: T0 + 4 * MIN }));
        const a2 = await insert(replyTo(a, url, { createdAt: T0 + 5 * MIN }));
        const ids = async (sort: 'oldest' | 'newest', limit: number) =>
          (
            await store.getThreadPage({ url, sort, limit, after: null, statuses: READER })
          ).comments.map((c) => c.id);
        expect(await ids('oldest', 10)).toEqual([a.id, a1.id, a1x.id, a2.id, b.id, b1.id]);
        expect(await ids('newest', 10)).toEqual([b.id, b1.id, a.id, a1.id, a1x.id, a2.id]);
        expect(await ids('oldest', 1)).toEqual([a.id, a1.id, a1x.id, a2.id]);
      });

      it('shows only the statuses asked for and counts the approved comments of the whole thread', async () => {
        const url = newUrl();
        const shown = await insert(draft(url, { createdAt: T0 }));
        const pending = await insert(draft(url, { createdAt: T0 + 1, status: 'pending' }));
        const spam = await insert(draft(url, { createdAt: T0 + 2, status: 'spam' }));
        const placeholder = await insert(
          draft(url, { createdAt: T0 + 3, status: 'deleted', body: '', html: '' }),
        );
        const reply = await insert(replyTo(shown, url, { createdAt: T0 + 4 }));
        const pendingReply = await insert(
          replyTo(shown, url, { createdAt: T0 + 5, status: 'pending' }),
        );
        const underPlaceholder = await insert(replyTo(placeholder, url, { createdAt: T0 + 6 }));

        const reader = await store.getThreadPage({
          url,
          sort: 'oldest',
          limit: 10,
          after: null,
          statuses: READER,
        });
        expect(reader.comments.map((c) => c.id)).toEqual([
          shown.id,
          reply.id,
          placeholder.id,
          underPlaceholder.id,
        ]);
        expect(reader.count).toBe(3);
        const admin = await store.getThreadPage({
          url,
          sort: 'oldest',
          limit: 10,
          after: null,
          statuses: ALL,
        });
        expect(admin.comments.map((c) => c.id)).toEqual([
          shown.id,
          reply.id,
          pendingReply.id,
          pending.id,
          spam.id,
          placeholder.id,
          underPlaceholder.id,
        ]);
        const firstOnly = await store.getThreadPage({
          url,
          sort: 'oldest',
          limit: 1,
          after: null,
          statuses: READER,
        });
        expect(firstOnly.count).toBe(3);
        expect(firstOnly.next).toEqual({ createdAt: shown.createdAt, id: shown.id });
      });
    });

    describe('updateComment', () => {
      it('changes only the fields given and returns the result', async () => {
        const url = newUrl();
        const original = await insert(draft(url));
        const edited = await store.updateComment({
          id: original.id,
          body: 'Edited',
          html: '<p>Edited</p>',
          editedAt: T0 + MIN,
        });
        expect(edited).toEqual({
          ...original,
          body: 'Edited',
          html: '<p>Edited</p>',
          editedAt: T0 + MIN,
        });
        const moderated = await store.updateComment({
          id: original.id,
          status: 'spam',
          authorName: 'B.',
          authorEmail: 'b@example.com',
          authorWebsite: null,
        });
        expect(moderated).toEqual({
          ...edited,
          status: 'spam',
          authorName: 'B.',
          authorEmail: 'b@example.com',
          authorWebsite: null,
        });
        expect(await store.getComment({ id: original.id })).toEqual(moderated);
      });

      it('answers undefined for an unknown id and the record as it is when nothing changes', async () => {
        const original = await insert(draft(newUrl()));
        expect(await store.updateComment({ id: 987_654_321, body: 'x' })).toBeUndefined();
        expect(await store.updateComment({ id: original.id })).toEqual(original);
      });
    });

    describe('hasReplies, hasApprovedComment and eraseComment', () => {
      it('tells whether a comment has replies', async () => {
        const url = newUrl();
        const parent = await insert(draft(url));
        const alone = await insert(draft(url));
        const reply = await insert(replyTo(parent, url));
        expect(await store.hasReplies({ id: parent.id })).toBe(true);
        expect(await store.hasReplies({ id: alone.id })).toBe(false);
        await store.eraseComment({ id: reply.id });
        expect(await store.hasReplies({ id: parent.id })).toBe(false);
      });

      it('knows an email by its approved comments only', async () => {
        const email = `${unique('reader')}@example.com`;
        expect(await store.hasApprovedComment({ email })).toBe(false);
        await insert(draft(newUrl(), { authorEmail: email, status: 'pending' }));
        expect(await store.hasApprovedComment({ email })).toBe(false);
        await insert(draft(newUrl(), { authorEmail: email, status: 'approved' }));
        expect(await store.hasApprovedComment({ email })).toBe(true);
        expect(await store.hasApprovedComment({ email: `other-${email}` })).toBe(false);
      });

      it('erases a comment for good, once', async () => {
        const url = newUrl();
        const kept = await insert(draft(url));
        const gone = await insert(draft(url, { createdAt: T0 + 1 }));
        expect(await store.eraseComment({ id: gone.id })).toBe(true);
        expect(await store.eraseComment({ id: gone.id })).toBe(false);
        expect(await store.getComment({ id: gone.id })).toBeUndefined();
        const page = await store.getThreadPage({
          url,
          sort: 'oldest',
          limit: 10,
          after: null,
          statuses: ALL,
        });
        expect(page.comments.map((c) => c.id)).toEqual([kept.id]);
        expect(page.count).toBe(1);
      });
    });

    describe('countApproved', () => {
      it('counts the approved comments of many URLs in one call, unknown URLs as 0', async () => {
        const [busy, quiet, moderated, unknown] = [newUrl(), newUrl(), newUrl(), newUrl()];
        await insert(draft(busy));
        await insert(draft(busy));
        await insert(draft(busy, { status: 'pending' }));
        await insert(draft(quiet));
        await insert(draft(quiet, { status: 'spam' }));
        await insert(draft(quiet, { status: 'deleted' }));
        await insert(draft(moderated, { status: 'pending' }));
        const counts = await store.countApproved({ urls: [busy, quiet, moderated, unknown] });
        expect(counts).toEqual(
          new Map([
            [busy, 2],
            [quiet, 1],
            [moderated, 0],
            [unknown, 0],
          ]),
        );
        expect(await store.countApproved({ urls: [] })).toEqual(new Map());
      });
    });

    describe('listLatestApproved', () => {
      it("lists a thread's approved comments newest first, with their thread, up to the limit", async () => {
        const [url, other] = [newUrl(), newUrl()];
        // Later than every other test's comments, so the site-wide list starts with these.
        const late = T0 + 1000 * 24 * 60 * MIN;
        const first = await insert(draft(url, { createdAt: late }));
        await insert(draft(url, { createdAt: late + MIN, status: 'pending' }));
        await insert(draft(url, { createdAt: late + 2 * MIN, status: 'spam' }));
        await insert(draft(url, { createdAt: late + 3 * MIN, status: 'deleted' }));
        const second = await insert(draft(url, { createdAt: late + 4 * MIN, body: 'Second' }));
        const elsewhere = await insert(draft(other, { createdAt: late + 5 * MIN }));

        const thread = await store.listLatestApproved({ url, limit: 50 });
        expect(thread.thread).toMatchObject({
          url,
          title: 'Kazakstan: State Cracks Down On Dissent',
        });
        expect(thread.comments.map((c) => c.id)).toEqual([second.id, first.id]);
        expect(thread.comments[0]).toMatchObject({
          threadUrl: url,
          threadTitle: 'Kazakstan: State Cracks Down On Dissent',
          body: 'Second',
          authorName: 'Bonnie B',
        });
        expect(
          (await store.listLatestApproved({ url, limit: 1 })).comments.map((c) => c.id),
        ).toEqual([second.id]);

        const site = await store.listLatestApproved({ url: null, limit: 2 });
        expect(site.thread).toBeNull();
        expect(site.comments.map((c) => [c.id, c.threadUrl])).toEqual([
          [elsewhere.id, other],
          [second.id, url],
        ]);
      });

      it('gives no thread and no comments for a URL never commented on', async () => {
        expect(await store.listLatestApproved({ url: newUrl(), limit: 50 })).toEqual({
          thread: null,
          comments: [],
        });
      });
    });

    describe('getOrCreateSetting', () => {
      it('creates a value once and returns it from then on', async () => {
        const key = unique('setting');
        let calls = 0;
        const init = (v: string) => () => {
          calls += 1;
          return v;
        };
        expect(await store.getOrCreateSetting({ key, init: init('first') })).toBe('first');
        expect(await store.getOrCreateSetting({ key, init: init('second') })).toBe('first');
        expect(calls).toBe(1);
      });

      it('settles 20 racing creators on one value', async () => {
        const key = unique('setting');
        const values = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.getOrCreateSetting({ key, init: () => `value-${i}` }),
          ),
        );
        expect(new Set(values).size).toBe(1);
        expect(values[0]).toMatch(/^value-\d+$/);
      });
    });

    describe('hitCounter', () => {
      it('counts hits in a fixed window and starts a new window once it has passed', async () => {
        const key = unique('ip');
        const hit = (now: number) => store.hitCounter({ key, windowMs: MIN, now });
        expect(await hit(T0)).toEqual({ count: 1, resetAt: T0 + MIN });
        expect(await hit(T0 + 1000)).toEqual({ count: 2, resetAt: T0 + MIN });
        expect(await hit(T0 + MIN - 1)).toEqual({ count: 3, resetAt: T0 + MIN });
        expect(await hit(T0 + MIN)).toEqual({ count: 1, resetAt: T0 + 2 * MIN });
        expect(
          await store.hitCounter({ key: unique('ip'), windowMs: MIN, now: T0 + 1000 }),
        ).toEqual({ count: 1, resetAt: T0 + 1000 + MIN });
      });

      it('counts 20 concurrent hits as exactly 1 to 20', async () => {
        const key = unique('ip');
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.hitCounter({ key, windowMs: MIN, now: T0 })),
        );
        expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        expect(new Set(results.map((r) => r.resetAt))).toEqual(new Set([T0 + MIN]));
      });
    });

    describe('claimOnce', () => {
      it('grants only the first claim of a key while it lives, and the key again once it expired', async () => {
        const key = unique('solution');
        expect(await store.claimOnce({ key, expiresAt: T0 + MIN, now: T0 })).toBe(true);
        expect(await store.claimOnce({ key, expiresAt: T0 + 2 * MIN, now: T0 + 1000 })).toBe(false);
        expect(
          await store.claimOnce({ key: unique('solution'), expiresAt: T0 + MIN, now: T0 + 1000 }),
        ).toBe(true);
        expect(await store.claimOnce({ key, expiresAt: T0 + 3 * MIN, now: T0 + MIN })).toBe(true);
        expect(await store.claimOnce({ key, expiresAt: T0 + 3 * MIN, now: T0 + 2 * MIN })).toBe(
          false,
        );
      });

      it('grants exactly one of 20 concurrent claims of one key', async () => {
        const key = unique('solution');
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.claimOnce({ key, expiresAt: T0 + MIN, now: T0 })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('on a store of its own', () => {
      it('sweeps expired counters and claims away as time passes', async () => {
        const own = await openFreshStore();
        try {
          const s = own.store;
          const far = T0 + 1_000 * MIN;
          for (const key of ['a', 'b', 'c'])
            await s.claimOnce({ key, expiresAt: T0 + 1000, now: T0 });
          await s.claimOnce({ key: 'lasting', expiresAt: far, now: T0 });
          for (const key of ['x', 'y']) await s.hitCounter({ key, windowMs: 1000, now: T0 });
          await s.hitCounter({ key: 'lasting', windowMs: far - T0, now: T0 });
          expect([await own.countRows('claims'), await own.countRows('counters')]).toEqual([4, 3]);

          await s.claimOnce({ key: 'later', expiresAt: far, now: T0 + 2 * MIN });
          expect([await own.countRows('claims'), await own.countRows('counters')]).toEqual([2, 1]);
        } finally {
          await own.dispose();
        }
      });

      it('writes a comment’s mail with it, leases due messages to one claimer, and takes them back after the lease', async () => {
        const own = await openFreshStore();
        try {
          const s = own.store;
          const url = newUrl();
          const at = T0;
          const { comment } = await s.insertComment(
            draft(url, {
              mail: {
                outbox: [{ kind: 'moderator', recipient: 'mod@example.com', lang: 'en', at }],
                subscription: { email: 'bonnie@example.com', kind: 'replies', lang: 'de' },
              },
            }),
          );
          const claims = await Promise.all(
            Array.from({ length: 5 }, () => s.claimOutbox({ now: at, leaseMs: MIN, limit: 10 })),
          );
          const claimed = claims.flat();
          // The moderator alert and the first confirmation of a new address, each to one claimer only.
          expect(claimed.map((m) => [m.kind, m.recipient, m.commentId, m.attempts])).toEqual(
            expect.arrayContaining([
              ['moderator', 'mod@example.com', comment.id, 1],
              ['confirm', 'bonnie@example.com', comment.id, 1],
            ]),
          );
          expect(claimed).toHaveLength(2);
          expect(await s.claimOutbox({ now: at + MIN - 1, leaseMs: MIN, limit: 10 })).toEqual([]);
          // A claimer that died: once its lease is over, the messages are due again.
          const again = await s.claimOutbox({ now: at + MIN, leaseMs: MIN, limit: 10 });
          expect(again.map((m) => m.attempts)).toEqual([2, 2]);
          await s.settleOutbox({ ids: again.map((m) => m.id), outcome: { state: 'sent', at } });
          expect(await s.claimOutbox({ now: at + 10 * MIN, leaseMs: MIN, limit: 10 })).toEqual([]);
          expect(await s.countSentTo({ recipient: 'bonnie@example.com', since: at - 1 })).toBe(1);

          // A second subscription of the unconfirmed address the same day asks nothing more.
          await s.insertComment(
            draft(url, {
              body: 'again',
              createdAt: at + 1,
              mail: {
                outbox: [],
                subscription: { email: 'bonnie@example.com', kind: 'thread', lang: 'de' },
              },
            }),
          );
          expect(await s.claimOutbox({ now: at + 10 * MIN, leaseMs: MIN, limit: 10 })).toEqual([]);
          expect(
            (await s.listSubscriptions({ email: 'bonnie@example.com' })).map((x) => [
              x.kind,
              x.threadUrl,
              x.lang,
            ]),
          ).toEqual([
            ['replies', url, 'de'],
            ['thread', url, 'de'],
          ]);
        } finally {
          await own.dispose();
        }
      });

      it('fans a published comment out to confirmed subscribers other than its author, once each', async () => {
        const own = await openFreshStore();
        try {
          const s = own.store;
          const url = newUrl();
          const sub = (email: string, kind: 'replies' | 'thread') => ({
            outbox: [],
            subscription: { email, kind, lang: 'en' },
          });
          const { comment: parent } = await s.insertComment(
            draft(url, { authorEmail: 'a@example.com', mail: sub('a@example.com', 'replies') }),
          );
          await s.insertComment(
            draft(url, {
              authorEmail: 'a@example.com',
              body: 'thread too',
              mail: sub('a@example.com', 'thread'),
            }),
          );
          await s.insertComment(
            draft(url, {
              authorEmail: 'b@example.com',
              body: 'b',
              mail: sub('b@example.com', 'thread'),
            }),
          );
          await s.insertComment(
            draft(url, {
              authorEmail: 'u@example.com',
              body: 'u',
              mail: sub('u@example.com', 'thread'),
            }),
          );
          for (const email of ['a@example.com', 'b@example.com'])
            await s.confirmAddress({ email, now: T0, proofHash: `proof-${email}` });
          expect(await s.proofEmail({ proofHash: 'proof-a@example.com' })).toBe('a@example.com');
          expect(await s.isConfirmed({ email: 'u@example.com' })).toBe(false);
          await s.settleOutbox({
            ids: (await s.claimOutbox({ now: T0, leaseMs: MIN, limit: 50 })).map((m) => m.id),
            outcome: { state: 'sent', at: T0 },
          });

          const { comment: reply } = await s.insertComment(
            replyTo(parent, url, {
              authorEmail: 'b@example.com',
              body: 'a reply',
              mail: {
                outbox: [{ kind: 'published', recipient: null, lang: 'en', at: T0 }],
                subscription: null,
              },
            }),
          );
          const [published] = await s.claimOutbox({ now: T0, leaseMs: MIN, limit: 10 });
          expect(published?.kind).toBe('published');
          expect(await s.fanOut({ id: published!.id, now: T0 })).toBe(1);
          const out = await s.claimOutbox({ now: T0, leaseMs: MIN, limit: 10 });
          expect(out.map((m) => [m.kind, m.recipient, m.commentId])).toEqual([
            ['reply', 'a@example.com', reply.id],
          ]);
          expect(
            await s.unsubscribe({
              id: Number(out[0]!.payload.subscriptionId),
              email: 'x@example.com',
            }),
          ).toBe(false);
          expect(
            await s.unsubscribe({
              id: Number(out[0]!.payload.subscriptionId),
              email: 'a@example.com',
            }),
          ).toBe(true);

          await s.eraseAuthor({
            email: 'a@example.com',
            anonymousName: 'Anonymous',
            eraseBodies: false,
          });
          expect(await s.listSubscriptions({ email: 'a@example.com' })).toEqual([]);
          expect(await s.proofEmail({ proofHash: 'proof-a@example.com' })).toBeUndefined();
        } finally {
          await own.dispose();
        }
      });

      it('refuses work once closed', async () => {
        const own = await openFreshStore();
        try {
          await own.store.close();
          await expect(own.store.ping()).rejects.toThrow();
        } finally {
          await own.dispose();
        }
      });
    });
  });
}
