import { decodeHTML } from 'entities';
import Parser from 'rss-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };
const PAGE = 'https://news.example/2016/05/kazakstan';
const OTHER = 'https://news.example/2016/06/other';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A real feed parser reads every answer back: what it cannot read is not a feed. */
const parser = new Parser({ customFields: { item: ['author'] } });

async function post(app: TestApp, over: Record<string, unknown>) {
  app.clock.advance(60_000);
  const res = await app.call('POST', '/api/comments', newComment(over));
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: number } }).comment.id;
}

async function seed(app: TestApp) {
  const first = await post(app, {
    url: PAGE,
    title: 'Kazakstan: State Cracks Down On Dissent',
    body: 'While it may be *fair* & square',
    author: { name: 'Bonnie B', email: 'bonnie@example.com' },
  });
  const held = await post(app, {
    url: PAGE,
    body: 'Held back',
    author: { name: 'Held', email: 'held@example.com' },
  });
  await app.call('PATCH', `/api/admin/comments/${held}`, { status: 'pending' }, admin);
  const second = await post(app, {
    url: PAGE,
    parentId: first,
    body: 'Zoë replies',
    author: { name: 'Zoë <Z>', email: 'zoe@example.com' },
  });
  const other = await post(app, { url: OTHER, title: 'Other', body: 'Elsewhere' });
  return { first, second, other };
}

const get = (app: TestApp, path: string, headers: Record<string, string> = {}) =>
  app.call('GET', path, undefined, headers);

describe.each(['atom', 'rss'] as const)('GET /feed/comments.%s', (format) => {
  const path = `/feed/comments.${format}`;
  const type =
    format === 'atom'
      ? 'application/atom+xml; charset=utf-8'
      : 'application/rss+xml; charset=utf-8';

  it("lists the site's approved comments newest first with name, HTML, link to the comment and time", async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const { first, second, other } = await seed(t);
    const res = await get(t, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe(type);
    const xml = await res.text();
    expect(xml).not.toContain('@example.com');
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Latest comments');
    expect(feed.items.map((i) => i.link)).toEqual([
      `${OTHER}#comment-${other}`,
      `${PAGE}#comment-${second}`,
      `${PAGE}#comment-${first}`,
    ]);
    const reply = feed.items[1]!;
    // Atom titles are HTML: the name's "<Z>" arrives escaped, to be shown as text.
    const title = format === 'atom' ? decodeHTML(reply.title!) : reply.title;
    expect(title).toBe('Zoë <Z> on “Kazakstan: State Cracks Down On Dissent”');
    if (format === 'atom') expect(reply.title).toContain('Zoë &lt;Z&gt;');
    expect(reply.content).toBe('<p>Zoë replies</p>\n');
    expect(reply.isoDate).toBe('2016-05-31T06:27:00.000Z');
    expect(reply.author).toBe('Zoë <Z>');
    expect(feed.items[2]!.content).toBe('<p>While it may be <em>fair</em> &amp; square</p>\n');
  });

  it('lists one thread with ?url= and gives a valid empty feed for a thread without comments', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const { first, second } = await seed(t);
    const one = await parser.parseString(
      await (await get(t, `${path}?url=${encodeURIComponent(`${PAGE}?utm_source=x`)}`)).text(),
    );
    expect(one.title).toBe('Comments on “Kazakstan: State Cracks Down On Dissent”');
    expect(one.items.map((i) => i.link)).toEqual([
      `${PAGE}#comment-${second}`,
      `${PAGE}#comment-${first}`,
    ]);

    const emptyRes = await get(
      t,
      `${path}?url=${encodeURIComponent('https://news.example/quiet')}`,
    );
    expect(emptyRes.status).toBe(200);
    const empty = await parser.parseString(await emptyRes.text());
    expect(empty.title).toBe('Comments on “https://news.example/quiet”');
    expect(empty.items).toEqual([]);
  });

  it('answers 304 to If-None-Match until a new comment changes the feed', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    await seed(t);
    const res = await get(t, path);
    const etag = res.headers.get('ETag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await get(t, path, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    await post(t, { url: PAGE, body: 'News' });
    const changed = await get(t, path, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
  });

  it('returns 400 with the field for a url that is not a web address', async () => {
    t = await createTestApp();
    const res = await get(t, `${path}?url=ftp%3A%2F%2Fx`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({
      code: 'invalid_request',
      message: 'Please check url: must be an absolute http or https address.',
      fields: { url: 'must be an absolute http or https address' },
    });
  });
});

it('lists at most the 50 newest comments', async () => {
  t = await createTestApp();
  for (let i = 0; i < 52; i++) await post(t, { url: PAGE, body: `Comment ${i}` });
  const feed = await parser.parseString(await (await get(t, '/feed/comments.atom')).text());
  expect(feed.items).toHaveLength(50);
  expect(feed.items[0]!.content).toBe('<p>Comment 51</p>\n');
});
