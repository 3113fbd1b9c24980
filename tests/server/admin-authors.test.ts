import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const URL_A = 'https://news.example/a';
const URL_B = 'https://news.example/b';
const ANN = { name: 'Ann Example', email: 'ann@example.com', website: 'https://ann.example' };
const BOB = { name: 'Bob', email: 'bob@example.com' };

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { adminToken: TOKEN } });
});
afterEach(async () => {
  await t.close();
});

async function post(over: Record<string, unknown>) {
  t.clock.advance(1_000);
  const res = await t.call('POST', '/api/comments', newComment(over));
  expect(res.status).toBe(201);
  return (await res.json()).comment.id as number;
}

/** Ann writes a top-level comment Bob answers, a reply to Bob, and a lone comment elsewhere. */
async function seed() {
  const annTop = await post({ url: URL_A, body: 'Ann starts', author: ANN });
  const bobReply = await post({ url: URL_A, parentId: annTop, body: 'Bob answers', author: BOB });
  const annReply = await post({ url: URL_A, parentId: bobReply, body: 'Ann again', author: ANN });
  const annLone = await post({
    url: URL_B,
    body: 'Ann alone',
    author: { ...ANN, email: 'ANN@example.com' },
  });
  return { annTop, bobReply, annReply, annLone };
}

describe('GET /api/admin/authors/:email/export', () => {
  it("returns one person's comments with their email and the threads they are in, nobody else's", async () => {
    const ids = await seed();
    const res = await t.call(
      'GET',
      '/api/admin/authors/Ann%40Example.com/export',
      undefined,
      admin,
    );
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data).toMatchObject({ format: 'confab', version: 2 });
    expect(data.threads.map((th: { url: string }) => th.url)).toEqual([URL_A, URL_B]);
    expect(data.comments.map((c: { id: number }) => c.id)).toEqual([
      ids.annTop,
      ids.annReply,
      ids.annLone,
    ]);
    expect(
      data.comments.every(
        (c: { author: { email: string } }) => c.author.email === 'ann@example.com',
      ),
    ).toBe(true);
    expect(data.comments[1]).toMatchObject({ parentId: ids.bobReply, body: 'Ann again' });
  });

  it('returns empty lists for an email with no comments', async () => {
    const res = await t.call(
      'GET',
      '/api/admin/authors/nobody%40example.com/export',
      undefined,
      admin,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ threads: [], comments: [] });
  });

  it('returns 400 with the field for something that is not an email', async () => {
    const res = await t.call('GET', '/api/admin/authors/not-an-email/export', undefined, admin);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({
      code: 'invalid_request',
      message: expect.any(String),
      fields: { email: 'must be an email address' },
    });
  });
});

describe('DELETE /api/admin/authors/:email', () => {
  it('anonymises name, email and website on every comment and keeps the words and the thread', async () => {
    const ids = await seed();
    const res = await t.call('DELETE', '/api/admin/authors/ann%40example.com', undefined, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ anonymised: 3, erased: 0, placeholders: 0 });

    for (const id of [ids.annTop, ids.annReply, ids.annLone]) {
      expect(await t.store.getComment({ id })).toMatchObject({
        authorName: 'Anonymous',
        authorEmail: '',
        authorWebsite: null,
        avatar: '',
        status: 'approved',
      });
    }
    expect(await t.store.getComment({ id: ids.bobReply })).toMatchObject({
      authorName: 'Bob',
      authorEmail: 'bob@example.com',
    });
    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json();
    expect(
      page.comments.map((c: { html: string; author: { name: string } }) => [c.author.name, c.html]),
    ).toEqual([
      ['Anonymous', '<p>Ann starts</p>\n'],
      ['Bob', '<p>Bob answers</p>\n'],
      ['Anonymous', '<p>Ann again</p>\n'],
    ]);
    const again = await t.call(
      'GET',
      '/api/admin/authors/ann%40example.com/export',
      undefined,
      admin,
    );
    expect((await again.json()).comments).toEqual([]);
  });

  it('with bodies=erase removes comments without replies and leaves placeholders where replies hang', async () => {
    const ids = await seed();
    const res = await t.call(
      'DELETE',
      '/api/admin/authors/ann%40example.com?bodies=erase',
      undefined,
      admin,
    );
    expect(await res.json()).toEqual({ anonymised: 1, erased: 2, placeholders: 1 });
    expect(await t.store.getComment({ id: ids.annReply })).toBeUndefined();
    expect(await t.store.getComment({ id: ids.annLone })).toBeUndefined();
    expect(await t.store.getComment({ id: ids.annTop })).toMatchObject({
      status: 'deleted',
      body: '',
      html: '',
      authorEmail: '',
    });
    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json();
    expect(
      page.comments.map((c: { id: number; parentId: number | null; status: string }) => [
        c.id,
        c.parentId,
        c.status,
      ]),
    ).toEqual([
      [ids.annTop, null, 'deleted'],
      [ids.bobReply, ids.annTop, 'approved'],
    ]);
  });

  it('with bodies=erase removes a whole chain of their own replies and the empty placeholders above it', async () => {
    const bobTop = await post({ url: URL_A, body: 'Bob starts', author: BOB });
    const annReply = await post({ url: URL_A, parentId: bobTop, body: 'Ann', author: ANN });
    const annDeeper = await post({ url: URL_A, parentId: annReply, body: 'Ann more', author: ANN });
    // Bob's comment was erased by the admin while Ann's reply hung under it: a placeholder.
    await t.call('DELETE', `/api/admin/comments/${bobTop}`, undefined, admin);
    const res = await t.call(
      'DELETE',
      '/api/admin/authors/ann%40example.com?bodies=erase',
      undefined,
      admin,
    );
    expect(await res.json()).toEqual({ anonymised: 0, erased: 3, placeholders: 0 });
    for (const id of [bobTop, annReply, annDeeper])
      expect(await t.store.getComment({ id })).toBeUndefined();
  });

  it('returns 400 with the field for a bad email or bodies value', async () => {
    const bad = await t.call('DELETE', '/api/admin/authors/nope', undefined, admin);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual({ email: 'must be an email address' });
    const mode = await t.call(
      'DELETE',
      '/api/admin/authors/ann%40example.com?bodies=shred',
      undefined,
      admin,
    );
    expect(mode.status).toBe(400);
    expect(Object.keys((await mode.json()).error.fields)).toEqual(['bodies']);
  });
});
