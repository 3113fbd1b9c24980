import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentEvent } from '../../server/events/bus.js';
import { createEngineApp, ENGINES } from '../support/engine-app.js';
import { newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };

let n = 0;
const newPage = () => `https://news.example/2016/05/featured-${++n}`;

describe.each(ENGINES)('featured comments and staff replies on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createEngineApp(engine, { adminToken: TOKEN, siteName: 'The Daily Example' });
  });
  afterAll(() => t?.close());

  const post = async (url: string, over: Record<string, unknown> = {}) => {
    t.clock.advance(1000);
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ url, body: `Comment ${++n}`, ...over }),
    );
    expect(res.status).toBe(201);
    return (await res.json()).comment.id as number;
  };
  const page = async (url: string, query = '') =>
    (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}${query}`)).json();
  const feature = (id: number, featured: boolean) =>
    t.call('PATCH', `/api/admin/comments/${id}`, { featured }, admin);
  const listen = (url: string) => {
    const seen: CommentEvent[] = [];
    const stop = t.events.subscribe(url, (e) => {
      if ('comment' in e) seen.push(e);
    });
    return { seen, stop };
  };

  it('lists featured comments first on the first page, oldest first, marked, and keeps them in place', async () => {
    const url = newPage();
    const [a, b, c] = [await post(url), await post(url), await post(url)];
    const reply = await post(url, { parentId: a });
    for (const id of [c, reply]) expect((await feature(id, true)).status).toBe(200);

    const first = await page(url);
    expect(first.featured.map((x: { id: number }) => x.id)).toEqual([c, reply]);
    expect(first.featured.every((x: { featured?: boolean }) => x.featured === true)).toBe(true);
    expect(first.comments.map((x: { id: number }) => x.id)).toEqual([a, reply, b, c]);
    expect(first.comments.find((x: { id: number }) => x.id === b).featured).toBeUndefined();

    const paged = await page(url, '&limit=1');
    expect(paged.featured).toHaveLength(2);
    const later = await page(url, `&limit=1&cursor=${paged.nextCursor}`);
    expect(later.featured).toEqual([]);

    expect((await feature(c, false)).status).toBe(200);
    expect((await page(url)).featured.map((x: { id: number }) => x.id)).toEqual([reply]);
  });

  it('leaves held comments out of the featured list and tells live readers when the mark comes and goes', async () => {
    const url = newPage();
    const id = await post(url);
    const { seen, stop } = listen(url);
    await feature(id, true);
    await feature(id, true);
    await t.call('PATCH', `/api/admin/comments/${id}`, { status: 'pending' }, admin);
    expect((await page(url)).featured).toEqual([]);
    stop();
    expect(seen.map((e) => [e.type, e.comment.featured])).toEqual([
      ['comment.updated', true],
      ['comment.deleted', undefined],
    ]);
    const listed = await (
      await t.call('GET', `/api/admin/comments?url=${encodeURIComponent(url)}`, undefined, admin)
    ).json();
    expect(listed.comments[0]).toMatchObject({ id, featured: true, staff: false, likes: 0 });
  });

  it('posts a staff reply as the site, marked staff, approved at once, under its parent, told live', async () => {
    const url = newPage();
    const parent = await post(url);
    const { seen, stop } = listen(url);
    const res = await t.call(
      'POST',
      '/api/admin/comments',
      { parentId: parent, body: 'Thanks, we have *corrected* the article.' },
      admin,
    );
    stop();
    expect(res.status).toBe(201);
    const { comment } = await res.json();
    expect(comment).toMatchObject({
      parentId: parent,
      thread: { url },
      author: { name: 'The Daily Example', email: '', website: null },
      html: '<p>Thanks, we have <em>corrected</em> the article.</p>\n',
      status: 'approved',
      staff: true,
      featured: false,
    });
    const shown = (await page(url)).comments.find((c: { id: number }) => c.id === comment.id);
    expect(shown).toMatchObject({
      parentId: parent,
      author: { name: 'The Daily Example' },
      staff: true,
    });
    expect(seen.map((e) => [e.type, e.comment.id, e.comment.staff])).toEqual([
      ['comment.created', comment.id, true],
    ]);
  });

  it('lets staff answer in a closed thread', async () => {
    const url = newPage();
    const parent = await post(url);
    await t.call(
      'PATCH',
      `/api/admin/threads?url=${encodeURIComponent(url)}`,
      { closed: true },
      admin,
    );
    const res = await t.call(
      'POST',
      '/api/admin/comments',
      { parentId: parent, body: 'Noted.' },
      admin,
    );
    expect(res.status).toBe(201);
  });

  it('never lets a reader fake either mark, even under the site’s name', async () => {
    const url = newPage();
    const id = await post(url, {
      staff: true,
      featured: true,
      author: { name: 'The Daily Example', email: 'fake@example.com' },
    });
    const shown = (await page(url)).comments.find((c: { id: number }) => c.id === id);
    expect(shown.staff).toBeUndefined();
    expect(shown.featured).toBeUndefined();
    expect((await page(url)).featured).toEqual([]);
  });

  it('answers 400 for a reply to a missing or held comment, a bad feature flag, and 401 without the token', async () => {
    const url = newPage();
    const held = await post(url);
    await t.call('PATCH', `/api/admin/comments/${held}`, { status: 'pending' }, admin);
    for (const parentId of [held, 99_999_999]) {
      const res = await t.call('POST', '/api/admin/comments', { parentId, body: 'Hi' }, admin);
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toHaveProperty('parentId');
    }
    const blank = await t.call('POST', '/api/admin/comments', { parentId: held, body: ' ' }, admin);
    expect((await blank.json()).error.fields).toEqual({ body: 'must not be blank' });
    const flag = await t.call('PATCH', `/api/admin/comments/${held}`, { featured: 'yes' }, admin);
    expect(flag.status).toBe(400);
    expect((await flag.json()).error.fields).toHaveProperty('featured');
    const anonymous = await t.call('POST', '/api/admin/comments', { parentId: held, body: 'Hi' });
    expect(anonymous.status).toBe(401);
  });
});
