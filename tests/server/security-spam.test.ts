import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import type { BusEvent } from '../../server/events/bus.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

async function threadOf(t: TestApp, url: string) {
  return (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json();
}

describe('the honeypot field', () => {
  let t: TestApp;
  const events: BusEvent[] = [];
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is on by default and turned off by CONFAB_HONEYPOT=off', () => {
    const on = parseConfig({});
    const off = parseConfig({ CONFAB_HONEYPOT: 'off' });
    expect([on.ok && on.config.honeypot, off.ok && off.config.honeypot]).toEqual([true, false]);
  });

  it('sends a post that filled it to spam quietly: 201 like a held comment, never shown or announced', async () => {
    const url = 'https://news.example/honeypot';
    t.events.subscribe(url, (e) => events.push(e));
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ url, hp: 'https://cheap-pills.example' }),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({
      comment: expect.objectContaining({
        status: 'pending',
        author: expect.objectContaining({ name: 'Bonnie B' }),
      }),
      editToken: expect.any(String),
      editableUntil: expect.any(String),
    });
    expect((await t.store.getComment({ id: body.comment.id }))?.status).toBe('spam');
    expect(await threadOf(t, url)).toMatchObject({ thread: { count: 0 }, comments: [] });
    expect(events).toEqual([]);
  });

  it('answers a caught post in exactly the shape of a post held for moderation', async () => {
    const held = await createTestApp({ config: { moderation: 'all' } });
    // From one browser, so the avatar is the same too.
    const authorKey = 'one-browser-author-key';
    const caught = await (
      await t.call('POST', '/api/comments', newComment({ hp: 'x', authorKey }))
    ).json();
    const pending = await (
      await held.call('POST', '/api/comments', newComment({ authorKey }))
    ).json();
    await held.close();
    const shape = (b: { comment: Record<string, unknown> }) => ({
      ...b,
      comment: { ...b.comment, id: 0 },
      editToken: 'token',
    });
    expect(shape(caught)).toEqual(shape(pending));
  });

  it('lets an empty honeypot through', async () => {
    const res = await t.call('POST', '/api/comments', newComment({ hp: '' }));
    expect(res.status).toBe(201);
    expect((await res.json()).comment.status).toBe('approved');
  });

  it('refuses a honeypot that is not text with 400', async () => {
    const res = await t.call('POST', '/api/comments', newComment({ hp: 42 }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.fields).toEqual({ hp: expect.any(String) });
  });

  it('is ignored with CONFAB_HONEYPOT=off', async () => {
    const off = await createTestApp({ config: { honeypot: false } });
    const res = await off.call('POST', '/api/comments', newComment({ hp: 'filled by autofill' }));
    expect((await res.json()).comment.status).toBe('approved');
    await off.close();
  });
});

describe('duplicate comments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses the same words from the same email in the same thread with 409 duplicate_comment', async () => {
    const input = newComment();
    expect((await t.call('POST', '/api/comments', input)).status).toBe(201);
    t.clock.advance(3_600_000);
    const res = await t.call('POST', '/api/comments', input);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: 'duplicate_comment', message: 'It looks as though you’ve already said that.' },
    });
    expect((await threadOf(t, input.url)).comments).toHaveLength(1);
  });

  it('counts differences in case, spacing at the ends and line endings of the email and body as the same', async () => {
    const input = newComment({ body: 'Line one\nline two' });
    expect((await t.call('POST', '/api/comments', input)).status).toBe(201);
    const again = {
      ...input,
      body: '  Line one\r\nline two\n',
      author: { ...input.author, email: ' BONNIE@Example.com ' },
    };
    expect((await t.call('POST', '/api/comments', again)).status).toBe(409);
  });

  it('stores exactly one of 20 identical posts sent at once', async () => {
    const input = newComment();
    const statuses = (
      await Promise.all(Array.from({ length: 20 }, () => t.call('POST', '/api/comments', input)))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect((await threadOf(t, input.url)).comments).toHaveLength(1);
  });

  it('accepts the same words from another email, in another thread, or in answer to someone else', async () => {
    const input = newComment({ body: 'Thanks!' });
    const first = await (await t.call('POST', '/api/comments', input)).json();
    const second = await (
      await t.call('POST', '/api/comments', { ...input, body: 'Another point' })
    ).json();
    const tries = [
      { ...input, author: { ...input.author, email: 'clyde@example.com' } },
      { ...input, url: `${input.url}/other` },
      { ...input, parentId: first.comment.id },
      { ...input, parentId: second.comment.id },
    ];
    for (const body of tries)
      expect((await t.call('POST', '/api/comments', body)).status).toBe(201);
  });

  it('accepts the words again once the author deleted the comment', async () => {
    const input = newComment();
    const posted = await (await t.call('POST', '/api/comments', input)).json();
    await t.call('POST', '/api/comments', {
      ...input,
      body: 'a reply',
      parentId: posted.comment.id,
    });
    const del = await t.call('DELETE', `/api/comments/${posted.comment.id}`, undefined, {
      Authorization: `Bearer ${posted.editToken}`,
    });
    expect(del.status).toBe(204);
    expect((await t.call('POST', '/api/comments', input)).status).toBe(201);
  });

  it('never answers a bot caught by the honeypot with 409', async () => {
    const input = newComment({ hp: 'http://spam.example' });
    for (let i = 0; i < 3; i++)
      expect((await t.call('POST', '/api/comments', input)).status).toBe(201);
  });
});

describe('duplicate comments on PostgreSQL', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp({ store: await openPostgresStore(db.url) });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('stores exactly one of 20 identical posts sent at once', async () => {
    const input = newComment();
    const statuses = (
      await Promise.all(Array.from({ length: 20 }, () => t.call('POST', '/api/comments', input)))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const rows = await db.query<{ n: string }>('select count(*) as n from comments');
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
