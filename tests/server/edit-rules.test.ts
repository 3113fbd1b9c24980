import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import type { CommentEvent } from '../../server/events/bus.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const open = async (config: Partial<Config> = {}) => {
  t = await createTestApp({ config: { adminToken: TOKEN, editWindowSeconds: 600, ...config } });
};
const setWords = async (moderationWords: string[], blockWords: string[]) => {
  const res = await t.call('PUT', '/api/admin/settings', { moderationWords, blockWords }, admin);
  expect(res.status).toBe(200);
};
async function post(over: Record<string, unknown> = {}) {
  const input = newComment(over);
  const res = await t.call('POST', '/api/comments', input);
  expect(res.status).toBe(201);
  const { comment, editToken } = await res.json();
  return { id: comment.id as number, token: editToken as string, url: input.url };
}
const edit = (id: number, token: string, body: string) =>
  t.call('PATCH', `/api/comments/${id}`, { body }, auth(token));
const stored = async (id: number) => (await t.store.getComment({ id }))!;
const thread = async (url: string) =>
  (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json();
/** What live readers of `url` are told from now on. */
function listen(url: string) {
  const seen: CommentEvent[] = [];
  t.events.subscribe(url, (e) => {
    if ('comment' in e) seen.push(e);
  });
  return seen;
}

describe('an edit runs the rules a new post runs', () => {
  it('holds an approved comment edited to carry more links than allowed and takes it off the page live', async () => {
    await open({ maxLinks: 2 });
    const mine = await post();
    const live = listen(mine.url);
    const links = Array.from({ length: 20 }, (_, i) => `https://scam${i}.example`).join(' ');
    const res = await edit(mine.id, mine.token, `Great deals: ${links}`);
    expect(res.status).toBe(200);
    expect((await res.json()).comment.status).toBe('pending');
    expect((await stored(mine.id)).status).toBe('pending');
    expect((await thread(mine.url)).comments).toEqual([]);
    expect(live.map((e) => [e.type, e.comment.id])).toEqual([['comment.deleted', mine.id]]);
    expect(JSON.stringify(live)).not.toContain('scam');
  });

  it('holds an edit with a moderation word and sends one with a block word to spam, seen as pending', async () => {
    await open();
    await setWords(['casino'], ['viagra']);
    const held = await post();
    expect(
      (await (await edit(held.id, held.token, 'visit our casino')).json()).comment.status,
    ).toBe('pending');
    expect((await stored(held.id)).status).toBe('pending');
    const blocked = await post();
    const res = await edit(blocked.id, blocked.token, 'cheap viagra');
    expect((await res.json()).comment.status).toBe('pending');
    expect((await stored(blocked.id)).status).toBe('spam');
  });

  it('keeps an edit of a held comment held, even when the new text is harmless', async () => {
    await open({ moderation: 'all' });
    const mine = await post();
    const live = listen(mine.url);
    const res = await edit(mine.id, mine.token, 'Harmless now');
    expect((await res.json()).comment.status).toBe('pending');
    expect((await stored(mine.id)).status).toBe('pending');
    expect(live).toEqual([]);
  });

  it('holds an edit in mode first-time by the same rules as a post from an approved author', async () => {
    await open({ moderation: 'first-time', maxLinks: 1 });
    const mine = await post({ author: { name: 'Kim', email: 'kim@example.com' } });
    await t.call('PATCH', `/api/admin/comments/${mine.id}`, { status: 'approved' }, admin);
    const res = await edit(mine.id, mine.token, 'see https://a.example and https://b.example');
    expect((await res.json()).comment.status).toBe('pending');
  });

  it('keeps an approved comment approved and broadcast when the edit passes every rule', async () => {
    await open();
    await setWords(['casino'], []);
    const mine = await post();
    const live = listen(mine.url);
    const res = await edit(mine.id, mine.token, 'Still fine');
    expect((await res.json()).comment.status).toBe('approved');
    expect(live.map((e) => e.type)).toEqual(['comment.updated']);
  });
});

describe('the spam verdict stays hidden', () => {
  it("answers the author's token on a spam comment exactly as on a held one", async () => {
    await open();
    await setWords(['casino'], ['viagra']);
    const held = await post({ body: 'casino' });
    const spam = await post({ body: 'viagra' });
    const editHeld = await edit(held.id, held.token, 'casino night');
    const editSpam = await edit(spam.id, spam.token, 'viagra night');
    expect(editSpam.status).toBe(editHeld.status);
    expect(editSpam.status).toBe(200);
    const [h, s] = [(await editHeld.json()).comment, (await editSpam.json()).comment];
    expect(s.status).toBe(h.status);
    expect(s.status).toBe('pending');
    expect((await stored(spam.id)).status).toBe('spam');
    const delHeld = await t.call('DELETE', `/api/comments/${held.id}`, undefined, auth(held.token));
    const delSpam = await t.call('DELETE', `/api/comments/${spam.id}`, undefined, auth(spam.token));
    expect([delHeld.status, delSpam.status]).toEqual([204, 204]);
  });

  it('answers a stranger the same for a held comment and a missing one', async () => {
    await open({ moderation: 'all' });
    const held = await post();
    const stranger = await post();
    const onHeld = await edit(held.id, stranger.token, 'x');
    const onMissing = await edit(999_999, stranger.token, 'x');
    expect(onHeld.status).toBe(onMissing.status);
    expect(await onHeld.json()).toEqual(await onMissing.json());
    const delHeld = await t.call('DELETE', `/api/comments/${held.id}`, undefined, auth('wrong'));
    const delMissing = await t.call('DELETE', '/api/comments/999999', undefined, auth('wrong'));
    expect(delHeld.status).toBe(delMissing.status);
    expect(await delHeld.json()).toEqual(await delMissing.json());
  });
});

describe('edits and deletes are rate-limited', () => {
  it('allows at most CONFAB_MAX_EDITS edits of one comment, then 429 rate_limited with Retry-After', async () => {
    await open({ maxEditsPerComment: 10 });
    const mine = await post();
    for (let i = 0; i < 10; i++)
      expect((await edit(mine.id, mine.token, `v${i}`)).status).toBe(200);
    const res = await edit(mine.id, mine.token, 'one more');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe('rate_limited');
    expect((await stored(mine.id)).body).toBe('v9');
  });

  it("does not let a stranger's refused edits use up the author's", async () => {
    await open({ maxEditsPerComment: 2 });
    const mine = await post();
    for (let i = 0; i < 5; i++) await edit(mine.id, 'wrong-token', 'x');
    expect((await edit(mine.id, mine.token, 'mine')).status).toBe(200);
  });

  it('limits edits and deletes per client by CONFAB_EDIT_RATE_LIMIT', async () => {
    await open({ editRateLimit: [{ max: 3, windowSeconds: 60 }] });
    const a = await post();
    const b = await post();
    expect((await edit(a.id, a.token, '1')).status).toBe(200);
    expect((await edit(a.id, a.token, '2')).status).toBe(200);
    expect((await edit(b.id, b.token, '3')).status).toBe(200);
    const res = await t.call('DELETE', `/api/comments/${b.id}`, undefined, auth(b.token));
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('60');
    expect((await res.json()).error.code).toBe('rate_limited');
    t.clock.advance(60_000);
    expect((await t.call('DELETE', `/api/comments/${b.id}`, undefined, auth(b.token))).status).toBe(
      204,
    );
  });
});
