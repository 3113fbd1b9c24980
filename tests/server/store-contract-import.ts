import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ImportedComment,
  ImportThread,
  StagedComment,
  StagedThread,
} from '../../server/store/import-store.js';
import type { Store } from '../../server/store/store.js';
import { draftComment, T0 } from '../support/draft-comment.js';
import type { StoreUnderTest } from './store-contract.js';

let urls = 0;
const newUrl = () => `https://news.example/imported-${++urls}`;

const stagedThread = (key: string, url: string | null, over: Partial<StagedThread> = {}) =>
  ({
    key,
    seq: 0,
    line: 1,
    url,
    title: null,
    createdAt: T0,
    closed: null,
    publishedAt: null,
    titleLocked: false,
    listed: false,
    ...over,
  }) satisfies StagedThread;

const stagedComment = (
  seq: number,
  key: string,
  parentKey: string | null,
  over: Partial<StagedComment> = {},
) =>
  ({
    seq,
    key,
    line: seq + 10,
    threadKey: 't',
    parentKey,
    wantedId: null,
    authorName: 'Ann',
    authorEmail: 'ann@example.com',
    authorWebsite: null,
    avatar: null,
    body: `Comment ${key}`,
    status: 'approved',
    createdAt: T0 + seq,
    editedAt: null,
    featuredAt: null,
    staff: false,
    likes: 0,
    refusal: null,
    keyTaken: false,
    ...over,
  }) satisfies StagedComment;

const importThread = (url: string): ImportThread => ({
  url,
  title: 'Imported',
  createdAt: T0,
  closed: null,
  publishedAt: null,
  titleLocked: false,
});

const storedComment = (id: number, threadId: number): ImportedComment => ({
  id,
  threadId,
  parentId: null,
  rootId: id,
  depth: 0,
  authorName: 'Ann',
  authorEmail: 'ann@example.com',
  authorWebsite: null,
  avatar: '',
  body: 'Hello',
  html: '<p>Hello</p>\n',
  status: 'approved',
  createdAt: T0,
  editedAt: null,
  likes: 0,
  featuredAt: null,
  staff: false,
});

/** The Store contract's import verbs: the staging area and the one transaction (issue 15), on every engine. */
export function describeImportContract(
  name: string,
  openFreshStore: () => Promise<StoreUnderTest>,
) {
  describe(`Store contract, imports, on ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    beforeAll(async () => {
      subject = await openFreshStore();
      store = subject.store;
    });
    afterAll(() => subject?.dispose());

    const open = () => store.openImport({ now: T0, staleBefore: 0 });

    it('writes nothing when the import’s transaction fails part way through', async () => {
      const importId = await open();
      const url = newUrl();
      await expect(
        store.runImport({ importId }, async (tx) => {
          const { id } = await tx.placeThread({ thread: importThread(url), siteId: 'default' });
          await tx.insertComments({ comments: [storedComment(900, id)] });
          await tx.putSettings({ settings: [{ key: 'import-test', value: 'x' }] });
          throw new Error('the file ended badly');
        }),
      ).rejects.toThrow('the file ended badly');
      expect(await store.getThread({ url })).toBeUndefined();
      expect(await store.getComment({ id: 900 })).toBeUndefined();
      expect(await store.getSetting({ key: 'import-test' })).toBeUndefined();
      await store.closeImport({ importId });
    });

    it('keeps each import’s staged rows to itself, and removes them when it is closed', async () => {
      const [a, b] = [await open(), await open()];
      await store.stageThreads({ importId: a, threads: [stagedThread('t', newUrl())] });
      await store.stageComments({ importId: a, comments: [stagedComment(0, 'same', null)] });
      await store.stageComments({ importId: b, comments: [stagedComment(0, 'other', null)] });
      expect(await store.findStagedKeys({ importId: a, keys: ['same', 'other'] })).toEqual(
        new Set(['same']),
      );
      expect(await store.findStagedKeys({ importId: b, keys: ['same', 'other'] })).toEqual(
        new Set(['other']),
      );
      const judged = (importId: number) =>
        store.listStagedForJudging({ importId, after: null, limit: 10 });
      expect((await judged(a)).map((c) => c.url)).toEqual([expect.stringContaining('imported')]);
      // B staged no thread: its comment's thread is unknown to it, whatever A staged.
      expect((await judged(b)).map((c) => c.url)).toEqual([null]);

      await store.closeImport({ importId: a });
      expect(await store.findStagedKeys({ importId: a, keys: ['same'] })).toEqual(new Set());
      expect(await subject.countRows('import_comments')).toBe(1);
      await store.closeImport({ importId: b });
      expect(await subject.countRows('import_comments')).toBe(0);
      expect(await subject.countRows('import_threads')).toBe(0);
    });

    it('sweeps the staging area of an import abandoned before `staleBefore`', async () => {
      const abandoned = await store.openImport({ now: T0, staleBefore: 0 });
      await store.stageComments({ importId: abandoned, comments: [stagedComment(0, 'x', null)] });
      const next = await store.openImport({ now: T0 + 2, staleBefore: T0 + 1 });
      expect(await subject.countRows('import_comments')).toBe(0);
      expect(await subject.countRows('imports')).toBe(1);
      await store.closeImport({ importId: next });
    });

    it('orders staged comments parents first, a reply listed before its parent too, and starts a loop of replies at its first comment', async () => {
      const importId = await open();
      await store.stageThreads({ importId, threads: [stagedThread('t', newUrl())] });
      await store.stageComments({
        importId,
        comments: [
          stagedComment(0, 'reply', 'parent'),
          stagedComment(1, 'loop-a', 'loop-b'),
          stagedComment(2, 'parent', null),
          stagedComment(3, 'loop-b', 'loop-a'),
          stagedComment(4, 'orphan', 'gone'),
          stagedComment(5, 'parent', null, {
            keyTaken: true,
            refusal: { reason: 'duplicate_id', message: 'again' },
          }),
        ],
      });
      await store.orderStaged({ importId });
      const order = await store.runImport({ importId }, (tx) =>
        tx.listStagedForPlacement({ after: null, limit: 10 }),
      );
      expect(order.map((c) => [c.key, c.generation])).toEqual([
        ['parent', 0],
        ['orphan', 0],
        ['reply', 1],
        ['loop-a', 2],
        ['loop-b', 3],
      ]);
      expect(order.find((c) => c.key === 'orphan')!.parent).toBeNull();
      expect(order.find((c) => c.key === 'reply')!.parent).toEqual({
        url: expect.any(String),
        placed: false,
        anchor: null,
      });
      expect(await store.listRefusals({ importId, limit: 10 })).toEqual({
        count: 1,
        first: [{ id: 'parent', line: 15, reason: 'duplicate_id', message: 'again' }],
      });
      await store.closeImport({ importId });
    });

    it('records judgements and placements, and a reply reads where its parent was placed', async () => {
      const importId = await open();
      const url = newUrl();
      await store.stageThreads({ importId, threads: [stagedThread('t', url)] });
      await store.stageComments({
        importId,
        comments: [stagedComment(0, 'reply', 'top'), stagedComment(1, 'top', null)],
      });
      await store.judgeStaged({
        importId,
        judgements: [
          { seq: 0, refusal: { reason: 'unknown_parent', message: 'no' } },
          { seq: 1, fileId: 7 },
        ],
      });
      expect(await store.listStagedForJudging({ importId, after: null, limit: 10 })).toEqual([
        { seq: 1, createdAt: T0 + 1, wantedId: null, url, parentKey: null, parent: null },
      ]);
      await store.orderStaged({ importId });
      const groups = await store.listStagedThreads({ importId, after: null, limit: 10 });
      expect(groups).toEqual([expect.objectContaining({ url, firstKeptAt: T0 + 1 })]);
      const reply = await store.runImport({ importId }, async (tx) => {
        await tx.markPlaced({ placed: [{ seq: 1, anchor: { id: 7, depth: 0, rootId: 7 } }] });
        const page = await tx.listStagedForPlacement({
          after: { generation: 0, seq: 1 },
          limit: 10,
        });
        return page[0];
      });
      expect(reply).toMatchObject({
        key: 'reply',
        refusal: 'unknown_parent',
        fileId: null,
        parent: { url, placed: true, anchor: { id: 7, depth: 0, rootId: 7 } },
      });
      await store.closeImport({ importId });
    });

    it('finds a stored thread by its key, fills its missing title, and tells the staged threads', async () => {
      const importId = await open();
      const url = newUrl();
      await store.updateThread({ url, titleLocked: false, now: T0 });
      await store.stageThreads({
        importId,
        threads: [stagedThread('t', url, { listed: true })],
      });
      const placed = await store.runImport({ importId }, (tx) =>
        tx.placeThread({ thread: importThread(url), siteId: 'default' }),
      );
      const thread = await store.getThread({ url });
      expect(placed).toEqual({ id: thread!.id, created: false });
      expect(thread!.title).toBe('Imported');
      await store.closeImport({ importId });
    });

    it('stores placed comments as they are, finds them as twins and their ids as taken', async () => {
      const importId = await open();
      const url = newUrl();
      const twins = await store.runImport({ importId }, async (tx) => {
        const { id } = await tx.placeThread({ thread: importThread(url), siteId: 'default' });
        const top = storedComment(5000, id);
        await tx.insertComments({
          comments: [
            top,
            { ...top, id: 5001, parentId: 5000, rootId: 5000, depth: 1, createdAt: T0 + 1 },
          ],
        });
        expect(await tx.findTakenIds({ ids: [5000, 5001, 5002] })).toEqual(new Set([5000, 5001]));
        return tx.findTwins({ threadIds: [id], createdAts: [T0 + 1] });
      });
      expect(twins).toEqual([
        {
          id: 5001,
          threadId: expect.any(Number),
          createdAt: T0 + 1,
          authorEmail: 'ann@example.com',
          body: 'Hello',
          depth: 1,
          rootId: 5000,
        },
      ]);
      expect(await store.getComment({ id: 5001 })).toMatchObject({
        parentId: 5000,
        rootId: 5000,
        depth: 1,
      });
      expect((await store.getComment({ id: 5000 }))!.rootId).toBe(5000);
      await store.closeImport({ importId });
    });

    it('gives new ids above every id stored or asked for by the import, and a later post one of its own', async () => {
      const importId = await open();
      const url = newUrl();
      await store.stageThreads({ importId, threads: [stagedThread('t', url)] });
      await store.stageComments({ importId, comments: [stagedComment(0, 'a', null)] });
      await store.judgeStaged({ importId, judgements: [{ seq: 0, fileId: 8000 }] });
      const fresh = await store.runImport({ importId }, async (tx) => {
        const { id } = await tx.placeThread({ thread: importThread(url), siteId: 'default' });
        const before = await tx.newIds({ count: 2 });
        await tx.insertComments({ comments: [storedComment(8000, id)] });
        return [...before, ...(await tx.newIds({ count: 1 }))];
      });
      expect(fresh).toEqual([8001, 8002, 8003]);
      await store.closeImport({ importId });
      const { comment } = await store.insertComment(draftComment(url, { createdAt: T0 + 5 }));
      expect(comment.id).toBeGreaterThan(8000);
      expect(await store.getComment({ id: 8000 })).toMatchObject({ threadId: comment.threadId });
    });
  });
}
