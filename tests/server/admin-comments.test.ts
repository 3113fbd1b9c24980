import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentEvent } from '../../server/events/bus.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const URL_A = 'https://news.example/a';
const URL_B = 'https://news.example/b';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { adminToken: TOKEN, moderation: 'all' } });
});
afterEach(async () => {
  await t.close();
});

async function post(over: Record<string, unknown> = {}) {
  t.clock.advance(1_000);
  const res = await t.call('POST', '/api/comments', newComment(over));
  expect(res.status).toBe(201);
  return (await res.json()).comment.id as number;
}
const get = async (path: string) => {
  const res = await t.call('GET', path, undefined, admin);
  expect(res.status).toBe(200);
  return res.json();
};
const patch = (id: number, body: unknown) =>
  t.call('PATCH', `/api/admin/comments/${id}`, body, admin);
const approve = async (id: number) =>
  expect((await patch(id, { status: 'approved' })).status).toBe(200);
const listen = (url: string) => {
  const seen: CommentEvent[] = [];
  t.events.subscribe(url, (e) => {
    if ('comment' in e) seen.push(e);
  });
  return seen;
};

describe('GET /api/admin/comments', () => {
  it('lists comments newest first with email, thread and both body forms, never the IP hash', async () => {
    const first = await post({
      url: URL_A,
      body: 'First *one*',
      author: { name: 'Ann', email: 'Ann@Example.com', website: 'https://ann.example' },
    });
    const second = await post({ url: URL_B, title: 'B', body: 'Second' });
    const page = await get('/api/admin/comments');
    expect(page.comments.map((c: { id: number }) => c.id)).toEqual([second, first]);
    expect(page.comments[1]).toEqual({
      id: first,
      parentId: null,
      thread: { url: URL_A, title: 'Kazakstan: State Cracks Down On Dissent' },
      author: {
        name: 'Ann',
        email: 'ann@example.com',
        website: 'https://ann.example',
        avatar: expect.stringMatching(/^[0-9a-f]{6}$/),
      },
      body: 'First *one*',
      html: '<p>First <em>one</em></p>\n',
      status: 'pending',
      createdAt: '2016-05-31T06:24:01.000Z',
      editedAt: null,
      featured: false,
      staff: false,
      likes: 0,
    });
    expect(JSON.stringify(page)).not.toMatch(/ip_?hash|editToken/i);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by status, thread and text in the body, name or email, and counts per status', async () => {
    const a1 = await post({ url: URL_A, body: 'About 100% cotton' });
    const a2 = await post({
      url: URL_A,
      body: 'Other',
      author: { name: 'Zed Cotton', email: 'z@example.com' },
    });
    const b1 = await post({
      url: URL_B,
      body: 'Nothing',
      author: { name: 'Y', email: 'cotton@example.com' },
    });
    await approve(a2);
    await patch(b1, { status: 'spam' });

    const pending = await get('/api/admin/comments?status=pending');
    expect(pending.comments.map((c: { id: number }) => c.id)).toEqual([a1]);
    expect(pending.counts).toEqual({ approved: 1, pending: 1, spam: 1, deleted: 0 });

    const inA = await get(
      `/api/admin/comments?url=${encodeURIComponent(`${URL_A}?utm_source=x#c1`)}`,
    );
    expect(inA.comments.map((c: { id: number }) => c.id)).toEqual([a2, a1]);
    expect(inA.counts).toEqual({ approved: 1, pending: 1, spam: 0, deleted: 0 });

    const search = await get('/api/admin/comments?q=COTTON');
    expect(search.comments.map((c: { id: number }) => c.id)).toEqual([b1, a2, a1]);
    const literal = await get(`/api/admin/comments?q=${encodeURIComponent('100%')}`);
    expect(literal.comments.map((c: { id: number }) => c.id)).toEqual([a1]);
    const underscore = await get('/api/admin/comments?q=_');
    expect(underscore.comments).toEqual([]);
  });

  it('pages with a cursor, newest first, without repeats or gaps', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await post({ url: URL_A, body: `n${i}` }));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { comments: { id: number }[]; nextCursor: string | null } = await get(
        `/api/admin/comments?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.comments.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('returns 400 with the field for a bad status, limit, address or cursor', async () => {
    for (const [query, field] of [
      ['status=hidden', 'status'],
      ['limit=0', 'limit'],
      ['url=ftp%3A%2F%2Fx', 'url'],
      ['cursor=bm9wZQ', 'cursor'],
    ] as const) {
      const res = await t.call('GET', `/api/admin/comments?${query}`, undefined, admin);
      expect(res.status, query).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('invalid_request');
      expect(Object.keys(error.fields)).toEqual([field]);
    }
  });
});

describe('PATCH /api/admin/comments/:id', () => {
  it('approving a held comment shows it to live readers as comment.created', async () => {
    const id = await post({ url: URL_A });
    const seen = listen(URL_A);
    const res = await patch(id, { status: 'approved' });
    expect((await res.json()).comment.status).toBe('approved');
    expect(seen).toEqual([
      {
        type: 'comment.created',
        url: URL_A,
        comment: expect.objectContaining({
          id,
          status: 'approved',
          html: expect.stringContaining('lease land'),
        }),
      },
    ]);
    const thread = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json();
    expect(thread.comments.map((c: { id: number }) => c.id)).toEqual([id]);
  });

  it('taking an approved comment back tells live readers comment.deleted without its words', async () => {
    const id = await post({ url: URL_A });
    await approve(id);
    const seen = listen(URL_A);
    await patch(id, { status: 'spam' });
    expect(seen).toEqual([
      {
        type: 'comment.deleted',
        url: URL_A,
        comment: expect.objectContaining({
          id,
          status: 'deleted',
          html: '',
          author: { name: '', website: null, avatar: '' },
        }),
      },
    ]);
  });

  it('tells readers nothing about changes among held, spam and deleted comments', async () => {
    const id = await post({ url: URL_A });
    const seen = listen(URL_A);
    await patch(id, { status: 'spam' });
    await patch(id, { status: 'pending' });
    await patch(id, { status: 'pending' });
    expect(seen).toEqual([]);
  });

  it('edits the body, renders it again, marks it edited and updates live readers of an approved comment', async () => {
    const id = await post({ url: URL_A });
    await approve(id);
    const seen = listen(URL_A);
    t.clock.advance(60_000);
    const res = await patch(id, { body: 'Cleaned **up**' });
    const { comment } = await res.json();
    expect(comment).toMatchObject({
      body: 'Cleaned **up**',
      html: '<p>Cleaned <strong>up</strong></p>\n',
      status: 'approved',
      editedAt: '2016-05-31T06:25:01.000Z',
    });
    expect(seen.map((e) => [e.type, e.comment.html])).toEqual([
      ['comment.updated', '<p>Cleaned <strong>up</strong></p>\n'],
    ]);
  });

  it('keeps the words of a comment with replies marked deleted, so it can be approved again', async () => {
    const id = await post({ url: URL_A, body: 'keep me' });
    await approve(id);
    await approve(await post({ url: URL_A, parentId: id }));
    await patch(id, { status: 'deleted' });
    const seen = listen(URL_A);
    const back = await (await patch(id, { status: 'approved' })).json();
    expect(back.comment.body).toBe('keep me');
    expect(seen.map((e) => e.type)).toEqual(['comment.updated']);
  });

  it('erases a comment without replies marked deleted, as a reader deleting their own does', async () => {
    const parent = await post({ url: URL_A });
    await approve(parent);
    const id = await post({ url: URL_A, parentId: parent, body: 'say nothing' });
    await approve(id);
    await patch(parent, { status: 'deleted' });
    expect((await t.store.getComment({ id: parent }))?.status).toBe('deleted');
    const seen = listen(URL_A);
    const res = await patch(id, { status: 'deleted' });
    expect(res.status).toBe(200);
    expect((await res.json()).comment).toMatchObject({ id, status: 'deleted' });
    expect(await t.store.getComment({ id })).toBeUndefined();
    expect(await t.store.getComment({ id: parent })).toBeUndefined();
    expect(seen.map((e) => [e.type, e.comment.id])).toEqual([
      ['comment.deleted', id],
      ['comment.deleted', parent],
    ]);
    const thread = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json();
    expect(thread.comments).toEqual([]);
  });

  it('returns 404 not_found for an unknown comment and 400 for an empty or invalid change', async () => {
    const missing = await patch(999, { status: 'approved' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toEqual({
      code: 'not_found',
      message: 'There is no comment 999.',
    });

    const id = await post();
    const empty = await patch(id, {});
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toEqual({
      code: 'invalid_request',
      message: expect.any(String),
      fields: { status: 'send status, body, featured or several of them' },
    });
    const bad = await patch(id, { status: 'hidden', body: ' ' });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['body', 'status']);
    const badId = await patch(0, { status: 'approved' });
    expect((await badId.json()).error.fields).toEqual({ id: 'must be a comment id' });
  });
});

describe('DELETE /api/admin/comments/:id', () => {
  it('erases a comment without replies for good and tells live readers', async () => {
    const id = await post({ url: URL_A });
    await approve(id);
    const seen = listen(URL_A);
    const res = await t.call('DELETE', `/api/admin/comments/${id}`, undefined, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'erased' });
    expect(await t.store.getComment({ id })).toBeUndefined();
    expect(seen.map((e) => [e.type, e.comment.id])).toEqual([['comment.deleted', id]]);
  });

  it('keeps a comment with replies as an empty placeholder so the replies keep their place', async () => {
    const parent = await post({ url: URL_A });
    await approve(parent);
    const reply = await post({ url: URL_A, parentId: parent });
    await approve(reply);
    const res = await t.call('DELETE', `/api/admin/comments/${parent}`, undefined, admin);
    expect(await res.json()).toEqual({ outcome: 'placeholder' });
    const stored = await t.store.getComment({ id: parent });
    expect(stored).toMatchObject({
      status: 'deleted',
      body: '',
      html: '',
      authorName: '',
      authorEmail: '',
      authorWebsite: null,
    });
    const thread = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(URL_A)}`)
    ).json();
    expect(
      thread.comments.map((c: { id: number; parentId: number | null }) => [c.id, c.parentId]),
    ).toEqual([
      [parent, null],
      [reply, parent],
    ]);
  });

  it('removes an empty placeholder once its last reply is erased', async () => {
    const parent = await post({ url: URL_A });
    await approve(parent);
    const reply = await post({ url: URL_A, parentId: parent });
    await t.call('DELETE', `/api/admin/comments/${parent}`, undefined, admin);
    await t.call('DELETE', `/api/admin/comments/${reply}`, undefined, admin);
    expect(await t.store.getComment({ id: parent })).toBeUndefined();
  });

  it('returns 404 not_found for an unknown comment', async () => {
    const res = await t.call('DELETE', '/api/admin/comments/4242', undefined, admin);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toEqual({
      code: 'not_found',
      message: 'There is no comment 4242.',
    });
  });
});

describe('POST /api/admin/comments/bulk', () => {
  it('applies a status to many comments and names the ids that do not exist', async () => {
    const a = await post({ url: URL_A, body: 'one' });
    const b = await post({ url: URL_A, body: 'two' });
    const seen = listen(URL_A);
    const res = await t.call(
      'POST',
      '/api/admin/comments/bulk',
      { ids: [b, a, 999, a], action: 'approve' },
      admin,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: [a, b], missing: [999] });
    expect(seen.map((e) => e.type)).toEqual(['comment.created', 'comment.created']);
    for (const [action, status] of [
      ['spam', 'spam'],
      ['pending', 'pending'],
      ['delete', 'deleted'],
    ] as const) {
      await t.call('POST', '/api/admin/comments/bulk', { ids: [a, b], action }, admin);
      if (status === 'deleted') expect(await t.store.getComment({ id: a })).toBeUndefined();
      else expect((await t.store.getComment({ id: a }))!.status, action).toBe(status);
    }
  });

  it('erases a reply and its parent together, replies first', async () => {
    const parent = await post({ url: URL_A });
    await approve(parent);
    const reply = await post({ url: URL_A, parentId: parent });
    const res = await t.call(
      'POST',
      '/api/admin/comments/bulk',
      { ids: [parent, reply], action: 'erase' },
      admin,
    );
    expect(await res.json()).toEqual({ done: [parent, reply], missing: [] });
    expect(await t.store.getComment({ id: parent })).toBeUndefined();
    expect(await t.store.getComment({ id: reply })).toBeUndefined();
  });

  it('returns 400 with the field for an unknown action, no ids or too many', async () => {
    const cases: [unknown, string][] = [
      [{ ids: [1], action: 'burn' }, 'action'],
      [{ ids: [], action: 'approve' }, 'ids'],
      [{ ids: Array.from({ length: 501 }, (_, i) => i + 1), action: 'approve' }, 'ids'],
      [{ ids: ['x'], action: 'approve' }, 'ids.0'],
    ];
    for (const [body, field] of cases) {
      const res = await t.call('POST', '/api/admin/comments/bulk', body, admin);
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('invalid_request');
      expect(Object.keys(error.fields)).toEqual([field]);
    }
  });
});

describe('GET /api/admin/stats', () => {
  it('counts comments per status and threads', async () => {
    const a = await post({ url: URL_A });
    await post({ url: URL_B });
    await approve(a);
    expect(await get('/api/admin/stats')).toEqual({
      counts: { approved: 1, pending: 1, spam: 0, deleted: 0 },
      threads: 2,
    });
  });
});
