import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const URL_A = 'https://news.example/pg-a';

let db: TestDatabase;
let t: TestApp;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp({
    store: await openPostgresStore(db.url),
    config: { adminToken: TOKEN },
  });
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

async function post(over: Record<string, unknown>) {
  t.clock.advance(1_000);
  const res = await t.call('POST', '/api/comments', newComment({ url: URL_A, ...over }));
  expect(res.status).toBe(201);
  return (await res.json()).comment.id as number;
}
const ids = async (query: string) =>
  (
    (await (await t.call('GET', `/api/admin/comments?${query}`, undefined, admin)).json())
      .comments as { id: number }[]
  ).map((c) => c.id);

describe('the admin API on PostgreSQL', () => {
  it('searches case-insensitively in any script and takes % and _ literally', async () => {
    const greek = await post({
      body: 'Σίγουρα θα σχολιάσουμε',
      author: { name: 'Μαρία', email: 'g@example.com' },
    });
    const percent = await post({
      body: 'Half: 50% off',
      author: { name: 'P', email: 'p@example.com' },
    });
    expect(await ids(`q=${encodeURIComponent('σίγουρα')}`)).toEqual([greek]);
    expect(await ids(`q=${encodeURIComponent('ΜΑΡΊΑ')}`)).toEqual([greek]);
    expect(await ids(`q=${encodeURIComponent('50%')}`)).toEqual([percent]);
    expect(await ids('q=_')).toEqual([]);
    const counts = (
      await (
        await t.call(
          'GET',
          `/api/admin/comments?url=${encodeURIComponent(URL_A)}`,
          undefined,
          admin,
        )
      ).json()
    ).counts;
    expect(counts).toEqual({ approved: 2, pending: 0, spam: 0, deleted: 0 });
  });

  it('erases an author with their replies, leaving placeholders where others answered', async () => {
    const annTop = await post({
      body: 'Ann top',
      author: { name: 'Ann', email: 'ann@example.com' },
    });
    const bob = await post({
      parentId: annTop,
      body: 'Bob',
      author: { name: 'Bob', email: 'bob@example.com' },
    });
    const annDeep = await post({
      parentId: bob,
      body: 'Ann deep',
      author: { name: 'Ann', email: 'ann@example.com' },
    });
    const res = await t.call(
      'DELETE',
      '/api/admin/authors/ann%40example.com?bodies=erase',
      undefined,
      admin,
    );
    expect(await res.json()).toEqual({ anonymised: 1, erased: 1, placeholders: 1 });
    expect(await t.store.getComment({ id: annDeep })).toBeUndefined();
    expect(await t.store.getComment({ id: annTop })).toMatchObject({
      status: 'deleted',
      body: '',
      authorName: 'Anonymous',
      authorEmail: '',
    });
  });

  it('imports with ids kept where free, and the next post still gets a new id', async () => {
    const taken = await post({ body: 'Already here' });
    const data = {
      format: 'confab',
      version: 1,
      exportedAt: '2020-01-01T00:00:00.000Z',
      threads: [{ url: URL_A, title: null, createdAt: '2020-01-01T00:00:00.000Z' }],
      comments: [taken, 1000].map((id, i) => ({
        id,
        thread: URL_A,
        parentId: null,
        author: { name: 'Imp', email: 'imp@example.com', website: null },
        body: `imported ${i}`,
        status: 'approved',
        createdAt: '2020-01-01T00:00:00.000Z',
        editedAt: null,
      })),
    };
    const res = await t.call('POST', '/api/admin/import', data, admin);
    expect(await res.json()).toEqual({
      threads: { created: 0, existing: 1 },
      comments: { imported: 2, skipped: 0, refused: 0 },
      refused: [],
    });
    expect((await t.store.getComment({ id: 1000 }))?.body).toBe('imported 1');
    expect((await t.store.getComment({ id: 1001 }))?.body).toBe('imported 0');
    expect(await post({ body: 'After' })).toBe(1002);
  });
});
