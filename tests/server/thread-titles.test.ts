import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApp, ENGINES } from '../support/engine-app.js';
import { newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let n = 0;
const newPage = () => `https://news.example/2016/05/story-${++n}`;

describe.each(ENGINES)('thread titles on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createEngineApp(engine, { adminToken: TOKEN });
  });
  afterAll(() => t?.close());

  const post = async (url: string, title?: string) => {
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ url, title, body: `About ${title} ${++n}` }),
    );
    expect(res.status).toBe(201);
  };
  const titleOf = async (url: string) =>
    (await (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json()).thread
      .title;

  it('takes a later post’s title at most once a day per thread', async () => {
    const url = newPage();
    await post(url, 'Kazakstan: State Cracks Down');
    t.clock.advance(HOUR);
    await post(url, 'Kazakhstan: State Cracks Down On Dissent');
    expect(await titleOf(url)).toBe('Kazakstan: State Cracks Down');
    t.clock.advance(DAY - HOUR);
    await post(url, 'Kazakhstan: State Cracks Down On Dissent');
    expect(await titleOf(url)).toBe('Kazakhstan: State Cracks Down On Dissent');
    t.clock.advance(HOUR);
    await post(url, 'Kazakhstan cracks down (updated)');
    expect(await titleOf(url)).toBe('Kazakhstan: State Cracks Down On Dissent');
    // A post that states no title changes nothing, and does not use up the day.
    t.clock.advance(DAY);
    await post(url);
    await post(url, 'Kazakhstan cracks down (updated)');
    expect(await titleOf(url)).toBe('Kazakhstan cracks down (updated)');
  });

  it('gives a thread without a title the first one a post states, whenever it comes', async () => {
    const url = newPage();
    await post(url);
    expect(await titleOf(url)).toBeNull();
    t.clock.advance(HOUR);
    await post(url, 'Known at last');
    expect(await titleOf(url)).toBe('Known at last');
  });

  it('keeps a title an admin set, until the admin lets posts change it again', async () => {
    const url = newPage();
    await post(url, 'Draft headline');
    const set = await t.call(
      'PATCH',
      `/api/admin/threads?url=${encodeURIComponent(url)}`,
      { title: '  Kazakhstan: State Cracks Down On Dissent  ' },
      admin,
    );
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({
      title: 'Kazakhstan: State Cracks Down On Dissent',
      titleLocked: true,
    });
    expect(await titleOf(url)).toBe('Kazakhstan: State Cracks Down On Dissent');
    t.clock.advance(2 * DAY);
    await post(url, 'Spoofed title');
    expect(await titleOf(url)).toBe('Kazakhstan: State Cracks Down On Dissent');

    const unlocked = await t.call(
      'PATCH',
      `/api/admin/threads?url=${encodeURIComponent(url)}`,
      { title: null },
      admin,
    );
    expect(await unlocked.json()).toMatchObject({ titleLocked: false });
    t.clock.advance(2 * DAY);
    await post(url, 'Kazakhstan: the follow-up');
    expect(await titleOf(url)).toBe('Kazakhstan: the follow-up');
  });

  it('answers 400 for a blank or too long title', async () => {
    const url = encodeURIComponent(newPage());
    for (const title of ['   ', 'x'.repeat(301)]) {
      const res = await t.call('PATCH', `/api/admin/threads?url=${url}`, { title }, admin);
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields.title).toMatch(/blank|at most 300/);
    }
  });
});
