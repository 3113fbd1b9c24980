import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function threadOf(url: string) {
  const res = await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe('POST /api/comments', () => {
  it('stores a comment and answers 201 with the public comment, an edit token and the edit deadline', async () => {
    const input = newComment();
    const res = await t.call('POST', '/api/comments', input);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.comment).toEqual({
      id: expect.any(Number),
      parentId: null,
      author: {
        name: 'Bonnie B',
        website: 'https://bonnie.example',
        avatar: expect.stringMatching(/^[0-9a-f]{6}$/),
      },
      html: '<p>While it may be fair to lease land…</p>\n',
      createdAt: '2016-05-31T06:24:00.000Z',
      editedAt: null,
      status: 'approved',
      likes: 0,
    });
    expect(body.editToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.editableUntil).toBe('2016-05-31T06:39:00.000Z');
  });

  it('never returns the email address', async () => {
    const res = await t.call('POST', '/api/comments', newComment());
    expect(await res.text()).not.toContain('bonnie@example.com');
  });

  it('renders markdown at write time with raw HTML as text and only safe links', async () => {
    const body =
      '**bold** <b>raw</b> [evil](javascript:alert(1)) [ok](https://ok.example) <img src=x onerror=alert(1)>';
    const res = await t.call('POST', '/api/comments', newComment({ body }));
    const { comment } = await res.json();
    expect(comment.html).toContain('<strong>bold</strong>');
    expect(comment.html).toContain('&lt;b&gt;raw&lt;/b&gt;');
    expect(comment.html).toContain(
      '<a href="https://ok.example" rel="nofollow ugc noopener">ok</a>',
    );
    expect(comment.html).not.toMatch(/href="javascript:/);
    expect(comment.html).not.toMatch(/<img/);
  });

  it('files the comment under the normalised thread URL', async () => {
    await t.call(
      'POST',
      '/api/comments',
      newComment({ url: 'HTTPS://News.Example/story?utm_source=x&id=7#top' }),
    );
    const page = await threadOf('https://news.example/story?id=7');
    expect(page.thread).toEqual({
      url: 'https://news.example/story?id=7',
      title: 'Kazakstan: State Cracks Down On Dissent',
      count: 1,
      closed: false,
    });
    expect(page.comments).toHaveLength(1);
  });

  it('accepts a reply to a visible comment of the same thread', async () => {
    const input = newComment();
    const parent = (await (await t.call('POST', '/api/comments', input)).json()).comment;
    const res = await t.call('POST', '/api/comments', {
      ...input,
      parentId: parent.id,
      body: 'Agreed.',
    });
    expect(res.status).toBe(201);
    expect((await res.json()).comment.parentId).toBe(parent.id);
  });

  it('returns 400 when the parent belongs to another thread', async () => {
    const parent = (await (await t.call('POST', '/api/comments', newComment())).json()).comment;
    const res = await t.call('POST', '/api/comments', newComment({ parentId: parent.id }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: expect.any(String),
        fields: { parentId: expect.any(String) },
      },
    });
  });

  const bad: [string, () => RequestInit | unknown, string, Record<string, unknown> | undefined][] =
    [
      [
        'the body is blank',
        () => newComment({ body: '   \n ' }),
        'invalid_request',
        { body: 'must not be blank' },
      ],
      [
        'the body is too long',
        () => newComment({ body: 'x'.repeat(10_001) }),
        'invalid_request',
        { body: expect.stringContaining('10000') },
      ],
      [
        'the name is missing',
        () => newComment({ author: { email: 'a@b.example' } }),
        'invalid_request',
        { 'author.name': 'is required' },
      ],
      [
        'the name is too long',
        () => newComment({ author: { name: 'n'.repeat(101), email: 'a@b.example' } }),
        'invalid_request',
        { 'author.name': expect.any(String) },
      ],
      [
        'the email is invalid',
        () => newComment({ author: { name: 'A', email: 'not-an-email' } }),
        'invalid_request',
        { 'author.email': 'must be a valid email address' },
      ],
      [
        'the website is not http(s)',
        () =>
          newComment({
            author: { name: 'A', email: 'a@b.example', website: 'javascript:alert(1)' },
          }),
        'invalid_request',
        { 'author.website': 'must be an http or https address' },
      ],
      [
        'the url is relative',
        () => newComment({ url: '/story' }),
        'invalid_request',
        { url: expect.any(String) },
      ],
      [
        'the url is javascript:',
        () => newComment({ url: 'javascript:alert(1)' }),
        'invalid_request',
        { url: expect.any(String) },
      ],
      [
        'a field has the wrong type',
        () => newComment({ body: 42 }),
        'invalid_request',
        { body: expect.any(String) },
      ],
      [
        'the parent id is not a number',
        () => newComment({ parentId: 'abc' }),
        'invalid_request',
        { parentId: expect.any(String) },
      ],
      ['the body is not an object', () => [1, 2], 'invalid_request', undefined],
    ];
  for (const [what, make, code, fields] of bad) {
    it(`returns 400 ${code} and stores nothing when ${what}`, async () => {
      const input = make() as Record<string, unknown>;
      const res = await t.call('POST', '/api/comments', input);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe(code);
      expect(body.error.message).toEqual(expect.any(String));
      if (fields) expect(body.error.fields).toMatchObject(fields);
      const url =
        typeof input === 'object' &&
        input &&
        'url' in input &&
        typeof input.url === 'string' &&
        input.url.startsWith('http')
          ? input.url
          : null;
      if (url) expect((await threadOf(url)).comments).toEqual([]);
    });
  }

  it('returns 400 invalid_json for malformed JSON', async () => {
    const res = await t.call('POST', '/api/comments', '{"url": "https://n.example/a", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
    });
  });

  it('returns 415 for a body that is not JSON', async () => {
    const res = await t.call('POST', '/api/comments', 'url=x', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });
});

describe('GET /api/threads', () => {
  it('answers an unknown URL with an empty thread and creates nothing', async () => {
    const page = await threadOf('https://news.example/never-commented');
    expect(page).toEqual({
      thread: { url: 'https://news.example/never-commented', title: null, count: 0, closed: false },
      comments: [],
      featured: [],
      nextCursor: null,
    });
  });

  it('lists replies after their parent, oldest first', async () => {
    const input = newComment();
    const first = (await (await t.call('POST', '/api/comments', input)).json()).comment;
    t.clock.advance(60_000);
    const second = (
      await (await t.call('POST', '/api/comments', { ...input, body: 'second' })).json()
    ).comment;
    t.clock.advance(60_000);
    const reply = (
      await (
        await t.call('POST', '/api/comments', { ...input, body: 'reply', parentId: first.id })
      ).json()
    ).comment;
    const page = await threadOf(input.url);
    expect(page.comments.map((c: { id: number }) => c.id)).toEqual([first.id, reply.id, second.id]);
    expect(page.thread.count).toBe(3);
  });

  it('returns 400 with the field when the url is missing or not http(s)', async () => {
    for (const q of ['', '?url=', '?url=javascript%3Aalert(1)', '?url=%2Frelative']) {
      const res = await t.call('GET', `/api/threads${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.fields).toHaveProperty('url');
    }
  });

  it('returns 400 for a limit out of range or a garbage cursor', async () => {
    const url = encodeURIComponent('https://news.example/x');
    for (const q of ['limit=0', 'limit=201', 'limit=abc', 'sort=random', 'cursor=%%%']) {
      const res = await t.call('GET', `/api/threads?url=${url}&${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_request');
    }
  });
});

describe('the rest of the surface', () => {
  it('answers /healthz while the store answers', async () => {
    const res = await t.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await t.call('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('allows the configured origins and localhost to call the API, and tells others why not', async () => {
    const other = await createTestApp({ config: { origins: ['https://publisher.example'] } });
    try {
      const allowed = await other.call(
        'GET',
        '/api/threads?url=https%3A%2F%2Fp.example%2Fa',
        undefined,
        { Origin: 'https://publisher.example' },
      );
      expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://publisher.example');
      const local = await other.call(
        'GET',
        '/api/threads?url=https%3A%2F%2Fp.example%2Fa',
        undefined,
        { Origin: 'http://localhost:3000' },
      );
      expect(local.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:3000');
      const stranger = await other.call(
        'GET',
        '/api/threads?url=https%3A%2F%2Fp.example%2Fa',
        undefined,
        { Origin: 'https://evil.example' },
      );
      expect(stranger.status).toBe(403);
      // Readable by the refused page, so the widget can say why; the body holds nothing else.
      expect(stranger.headers.get('Access-Control-Allow-Origin')).toBe('https://evil.example');
      const error = (await stranger.json()).error;
      expect(error.code).toBe('origin_not_allowed');
      expect(error.message).toContain('CONFAB_ORIGINS');
    } finally {
      await other.close();
    }
  });
});
