import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { createEngineApp, ENGINES } from '../support/engine-app.js';
import { newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const DAY = 24 * 60 * 60 * 1000;
const PAGE = 'https://news.example/2016/05/kazakstan';

describe.each(ENGINES)('thread lifecycle on %s', (engine) => {
  let t: TestApp;
  const open = async (config: Partial<Config> = {}) => {
    t = await createEngineApp(engine, { adminToken: TOKEN, ...config });
  };
  afterEach(() => t?.close());

  const post = (over: Record<string, unknown> = {}) =>
    t.call('POST', '/api/comments', newComment({ url: PAGE, ...over }));
  const thread = async (url = PAGE) =>
    (await (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json()).thread;
  const patch = (body: unknown, url = PAGE) =>
    t.call('PATCH', `/api/admin/threads?url=${encodeURIComponent(url)}`, body, admin);

  async function expectClosedPost() {
    const res = await post({ body: `Too late ${Math.random()}` });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'thread_closed', message: 'Comments are closed on this page.' },
    });
  }

  it('closes a thread by admin: posts get 403 thread_closed and readers see closed, until it is reopened', async () => {
    await open();
    expect((await post()).status).toBe(201);
    expect(await thread()).toMatchObject({ count: 1, closed: false });

    const closed = await patch({ closed: true });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({
      url: PAGE,
      closed: true,
      closedByAdmin: true,
      closesAt: null,
    });
    expect(await thread()).toMatchObject({ count: 1, closed: true });
    await expectClosedPost();

    expect(await (await patch({ closed: false })).json()).toMatchObject({ closed: false });
    expect(await thread()).toMatchObject({ closed: false });
    expect((await post({ body: 'Open again' })).status).toBe(201);
  });

  it('closes a thread before its first comment, creating it', async () => {
    await open();
    expect((await patch({ closed: true })).status).toBe(200);
    expect(await thread()).toEqual({ url: PAGE, title: null, count: 0, closed: true });
    await expectClosedPost();
  });

  it('closes a thread closeAfterDays after its first comment, on the fixed clock, and the cached page follows', async () => {
    await open({ closeAfterDays: 7 });
    expect((await post()).status).toBe(201);
    expect(await thread()).toMatchObject({ closed: false });
    t.clock.advance(7 * DAY - 1);
    expect((await post({ body: 'Just in time' })).status).toBe(201);
    expect(await thread()).toMatchObject({ count: 2, closed: false });
    t.clock.advance(1);
    // No write happened: the page read a moment ago must not be served as it was.
    expect(await thread()).toMatchObject({ count: 2, closed: true });
    await expectClosedPost();
    expect(await (await patch({ closed: null })).json()).toMatchObject({
      closed: true,
      closedByAdmin: null,
      closesAt: new Date(Date.UTC(2016, 4, 31, 6, 24) + 7 * DAY).toISOString(),
    });
  });

  it('tells readers when the age rule will close an open thread, and nothing once it is closed or never will be', async () => {
    await open({ closeAfterDays: 7 });
    const published = '2016-05-31T06:24:00.000Z';
    expect((await post({ published })).status).toBe(201);
    expect(await thread()).toMatchObject({
      closed: false,
      closesAt: new Date(Date.parse(published) + 7 * DAY).toISOString(),
    });
    await patch({ closed: true });
    expect(await thread()).not.toHaveProperty('closesAt');
    await patch({ closed: false });
    expect(await thread()).not.toHaveProperty('closesAt');
  });

  it('dates the thread by the publication the first post states, not by the post', async () => {
    await open({ closeAfterDays: 7 });
    const published = new Date(t.clock.now() - 6 * DAY).toISOString();
    expect((await post({ published })).status).toBe(201);
    // A later post cannot move the date.
    expect(
      (await post({ body: 'Later', published: new Date(t.clock.now()).toISOString() })).status,
    ).toBe(201);
    t.clock.advance(DAY);
    expect(await thread()).toMatchObject({ closed: true });
    await expectClosedPost();
  });

  it('refuses the first post of an article published longer ago than closeAfterDays', async () => {
    await open({ closeAfterDays: 7 });
    const res = await post({ published: new Date(t.clock.now() - 8 * DAY).toISOString() });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('thread_closed');
    expect(await thread()).toEqual({ url: PAGE, title: null, count: 0, closed: false });
  });

  it('keeps an old thread open once an admin reopens it, and gives it back to the age rule with null', async () => {
    await open({ closeAfterDays: 1 });
    expect((await post()).status).toBe(201);
    t.clock.advance(2 * DAY);
    await expectClosedPost();
    expect(await (await patch({ closed: false })).json()).toMatchObject({
      closed: false,
      closedByAdmin: false,
    });
    expect((await post({ body: 'Reopened' })).status).toBe(201);
    expect(await (await patch({ closed: null })).json()).toMatchObject({ closed: true });
    await expectClosedPost();
  });

  it('never closes by age when closeAfterDays is 0', async () => {
    await open();
    expect((await post({ published: '2001-01-01T00:00:00Z' })).status).toBe(201);
    t.clock.advance(3650 * DAY);
    expect((await post({ body: 'Ten years on' })).status).toBe(201);
  });

  it('answers 400 for a bad address, an empty change or a bad published date, and 401 without the token', async () => {
    await open();
    const bad = await t.call(
      'PATCH',
      '/api/admin/threads?url=javascript:alert(1)',
      { closed: true },
      admin,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual({
      url: 'must be an absolute http or https address',
    });
    const empty = await patch({});
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatchObject({
      code: 'invalid_request',
      fields: { closed: 'send closed, title or both' },
    });
    const wrongType = await patch({ closed: 'yes' });
    expect(wrongType.status).toBe(400);
    const date = await post({ published: 'last Tuesday' });
    expect(date.status).toBe(400);
    expect((await date.json()).error.fields).toEqual({
      published: 'must be an ISO 8601 date-time',
    });
    const anonymous = await t.call('PATCH', `/api/admin/threads?url=${PAGE}`, { closed: true });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthorized');
  });
});
