import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { editWindowSeconds: 60 } });
});
afterEach(async () => {
  await t.close();
});

async function postOwn(over: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/comments', newComment(over));
  return (await res.json()) as {
    comment: { id: number; html: string };
    editToken: string;
    editableUntil: string;
  };
}
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('PATCH /api/comments/:id', () => {
  it('edits the body within the window, re-renders it and marks it edited', async () => {
    const { comment, editToken } = await postOwn();
    t.clock.advance(30_000);
    const res = await t.call(
      'PATCH',
      `/api/comments/${comment.id}`,
      { body: 'Changed *mind*' },
      auth(editToken),
    );
    expect(res.status).toBe(200);
    const edited = (await res.json()).comment;
    expect(edited.html).toBe('<p>Changed <em>mind</em></p>\n');
    expect(edited.editedAt).toBe('2016-05-31T06:24:30.000Z');
  });

  it('returns 403 edit_window_closed after the window and keeps the body', async () => {
    const input = newComment();
    const { comment, editToken } = await postOwn(input);
    t.clock.advance(61_000);
    const res = await t.call(
      'PATCH',
      `/api/comments/${comment.id}`,
      { body: 'late' },
      auth(editToken),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error).toEqual({
      code: 'edit_window_closed',
      message: expect.any(String),
    });
    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(input.url)}`)
    ).json();
    expect(page.comments[0].html).toBe(comment.html);
  });

  it("returns 403 forbidden for another comment's token and 401 without one", async () => {
    const mine = await postOwn();
    const theirs = await postOwn();
    const wrong = await t.call(
      'PATCH',
      `/api/comments/${mine.comment.id}`,
      { body: 'x' },
      auth(theirs.editToken),
    );
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe('forbidden');
    const none = await t.call('PATCH', `/api/comments/${mine.comment.id}`, { body: 'x' });
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('unauthorized');
  });

  it('returns 404 for an unknown id and 400 for a malformed one', async () => {
    const { editToken } = await postOwn();
    const missing = await t.call('PATCH', '/api/comments/999999', { body: 'x' }, auth(editToken));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const bad = await t.call('PATCH', '/api/comments/abc', { body: 'x' }, auth(editToken));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('id');
  });

  it('stores only a hash of the edit token', async () => {
    const { comment, editToken } = await postOwn();
    const stored = await t.store.getComment({ id: comment.id });
    expect(stored?.editTokenHash).toBeTruthy();
    expect(stored?.editTokenHash).not.toContain(editToken);
  });
});

describe('DELETE /api/comments/:id', () => {
  it('removes a comment without replies from the thread', async () => {
    const input = newComment();
    const { comment, editToken } = await postOwn(input);
    const res = await t.call('DELETE', `/api/comments/${comment.id}`, undefined, auth(editToken));
    expect(res.status).toBe(204);
    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(input.url)}`)
    ).json();
    expect(page.comments).toEqual([]);
    expect(page.thread.count).toBe(0);
  });

  it('keeps a comment with replies as a placeholder without author or words', async () => {
    const input = newComment();
    const parent = await postOwn(input);
    await postOwn({ url: input.url, parentId: parent.comment.id, body: 'a reply' });
    const res = await t.call(
      'DELETE',
      `/api/comments/${parent.comment.id}`,
      undefined,
      auth(parent.editToken),
    );
    expect(res.status).toBe(204);
    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(input.url)}`)
    ).json();
    expect(page.comments).toHaveLength(2);
    expect(page.comments[0]).toMatchObject({
      id: parent.comment.id,
      status: 'deleted',
      html: '',
      author: { name: '', website: null, avatar: '' },
    });
    expect(page.thread.count).toBe(1);
    const stored = await t.store.getComment({ id: parent.comment.id });
    expect(stored?.body).toBe('');
  });

  it('refuses after the window and with a wrong token', async () => {
    const { comment, editToken } = await postOwn();
    const wrong = await t.call(
      'DELETE',
      `/api/comments/${comment.id}`,
      undefined,
      auth('x'.repeat(43)),
    );
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe('forbidden');
    t.clock.advance(61_000);
    const late = await t.call('DELETE', `/api/comments/${comment.id}`, undefined, auth(editToken));
    expect(late.status).toBe(403);
    expect((await late.json()).error.code).toBe('edit_window_closed');
  });
});
