import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteRecord, Store } from '../../server/store/store.js';
import { draftComment, T0 } from '../support/draft-comment.js';
import type { StoreUnderTest } from './store-contract.js';

const gazette: SiteRecord = {
  id: 'gazette',
  name: 'The Gazette',
  origins: ['https://gazette.example'],
  hosts: ['gazette.example'],
  tokenHash: 'a'.repeat(64),
  settings: { moderation: 'all', maxLinks: 0 },
  createdAt: T0,
};

/** The Store contract's site verbs and per-site filters (issue 14), on every engine. */
export function describeSitesContract(name: string, openFreshStore: () => Promise<StoreUnderTest>) {
  describe(`Store contract, sites, on ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    beforeAll(async () => {
      subject = await openFreshStore();
      store = subject.store;
    });
    afterAll(() => subject?.dispose());

    it('adds a site once, changes only what is named, and deletes it', async () => {
      expect(await store.insertSite(gazette)).toBe(true);
      expect(await store.insertSite({ ...gazette, name: 'Impostor' })).toBe(false);
      expect(await store.listSites()).toEqual([gazette]);
      const renamed = await store.updateSite({ id: 'gazette', name: 'Gazette', tokenHash: null });
      expect(renamed).toEqual({ ...gazette, name: 'Gazette', tokenHash: null });
      expect(await store.updateSite({ id: 'nobody', name: 'x' })).toBeUndefined();
      expect(await store.deleteSite({ id: 'gazette' })).toBe(true);
      expect(await store.deleteSite({ id: 'gazette' })).toBe(false);
      expect(await store.listSites()).toEqual([]);
    });

    it('puts new threads in the site named, or in default, and lists, counts and exports one site alone', async () => {
      const a = 'https://gazette.example/a';
      const b = 'https://herald.example/b';
      const { thread } = await store.insertComment(draftComment(a, { siteId: 'gazette' }));
      expect(thread.siteId).toBe('gazette');
      await store.insertComment(draftComment(b, { body: 'Other', status: 'pending' }));
      expect((await store.getThread({ url: b }))?.siteId).toBe('default');
      const closed = await store.updateThread({
        url: 'https://gazette.example/c',
        closed: true,
        siteId: 'gazette',
        now: T0,
      });
      expect(closed.siteId).toBe('gazette');

      const listed = await store.listAdminComments({
        status: null,
        url: null,
        search: null,
        after: null,
        limit: 50,
        siteId: 'gazette',
      });
      expect(listed.comments.map((c) => c.threadUrl)).toEqual([a]);
      expect(await store.countByStatus({ url: null, siteId: 'default' })).toMatchObject({
        approved: 0,
        pending: 1,
      });
      expect(await store.countThreads({ siteId: 'gazette' })).toBe(2);
      expect(await store.countThreads()).toBe(3);
      const exported = await store.exportAll({ siteId: 'gazette' });
      expect(exported.threads.map((t) => t.url).sort()).toEqual([a, 'https://gazette.example/c']);
      expect(exported.comments.map((c) => c.threadUrl)).toEqual([a]);
    });

    it('creates imported threads in the site named', async () => {
      const url = 'https://gazette.example/imported';
      const importId = await store.openImport({ now: T0, staleBefore: 0 });
      await store.runImport({ importId }, (tx) =>
        tx.placeThread({
          thread: {
            url,
            title: null,
            createdAt: T0,
            closed: null,
            publishedAt: null,
            titleLocked: false,
          },
          siteId: 'gazette',
        }),
      );
      await store.closeImport({ importId });
      expect((await store.getThread({ url }))?.siteId).toBe('gazette');
    });
  });
}
