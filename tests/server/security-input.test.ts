import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/schema/limits.js';
import { type RunningServer, startServer } from '../support/start-server.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const ADMIN = 'admin-token-0123456789abcdef';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { adminToken: ADMIN } });
});
afterAll(() => t.close());

async function expectError(
  res: Response,
  status: number,
  code: string,
  fields?: Record<string, unknown>,
) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  if (fields) expect(body.error.fields).toMatchObject(fields);
  return body;
}

async function posted() {
  return (await t.call('POST', '/api/comments', newComment())).json();
}

describe('bodies that are not JSON', () => {
  // The three content types a cross-site <form> can send without a CORS preflight.
  it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'])(
    'refuses %s on every write route with 415 unsupported_media_type',
    async (type) => {
      const mine = await posted();
      const auth = { Authorization: `Bearer ${mine.editToken}` };
      const body = JSON.stringify(newComment());
      await expectError(
        await t.call('POST', '/api/comments', body, { 'Content-Type': type }),
        415,
        'unsupported_media_type',
      );
      await expectError(
        await t.call('PATCH', `/api/comments/${mine.comment.id}`, '{"body":"x"}', {
          ...auth,
          'Content-Type': type,
        }),
        415,
        'unsupported_media_type',
      );
      await expectError(
        await t.call('POST', '/api/preview', '{"body":"x"}', { 'Content-Type': type }),
        415,
        'unsupported_media_type',
      );
    },
  );

  it('refuses a body without any content type with 415', async () => {
    await expectError(
      await t.app.request('/api/comments', { method: 'POST', body: JSON.stringify(newComment()) }),
      415,
      'unsupported_media_type',
    );
  });

  it.each([
    ['a cut-off object', '{"url": "https://n.example/a", '],
    ['nothing', ''],
    ['a bare word', 'hello'],
    ['a trailing comma', '{"body":"x",}'],
    ['invalid UTF-8', '\xff\xfe{"body":1}'],
  ])('answers %s as JSON with 400 invalid_json', async (_what, raw) => {
    await expectError(await t.call('POST', '/api/comments', raw), 400, 'invalid_json');
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"text"'],
    ['an array', '[{"body":"x"}]'],
  ])('answers %s with 400 invalid_request', async (_what, raw) => {
    await expectError(await t.call('POST', '/api/comments', raw), 400, 'invalid_request');
  });

  it('refuses invalid bytes with 400 on an edit too', async () => {
    const mine = await posted();
    await expectError(
      await t.call('PATCH', `/api/comments/${mine.comment.id}`, '{"body": ', {
        Authorization: `Bearer ${mine.editToken}`,
      }),
      400,
      'invalid_json',
    );
  });
});

describe('bodies over the size limit', () => {
  const tooBig = JSON.stringify(newComment({ body: 'x'.repeat(LIMITS.requestBytes) }));

  it('refuses a declared oversize body with 413 payload_too_large', async () => {
    await expectError(await t.call('POST', '/api/comments', tooBig), 413, 'payload_too_large');
  });

  it('refuses an oversize body sent as a stream without a length with 413', async () => {
    const bytes = new TextEncoder().encode(tooBig);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096)
          controller.enqueue(bytes.subarray(i, i + 4096));
        controller.close();
      },
    });
    const res = await t.app.request('/api/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 413, 'payload_too_large');
  });
});

describe('chunked bodies over a real socket', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  /** Sends `chunks` with Transfer-Encoding: chunked (no Content-Length) and reads the whole answer. */
  function sendChunked(
    chunks: string[],
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = httpRequest(
        `${server.url}/api/comments`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          answered = true;
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      // The server may answer and close before every chunk is written: that is the point.
      req.on('error', (e) => (answered ? undefined : reject(e)));
      for (const c of chunks) req.write(c);
      req.end();
    });
  }

  it('refuses a chunked body past the limit with 413 and the error shape', async () => {
    const big = JSON.stringify(newComment({ body: 'y'.repeat(LIMITS.requestBytes * 2) }));
    const chunks = big.match(/[\s\S]{1,8192}/g)!;
    const res = await sendChunked(chunks);
    expect(res.status).toBe(413);
    // The unread rest makes the connection useless: clients must not send the next request on it.
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'payload_too_large',
        message: `The request body is larger than ${LIMITS.requestBytes} bytes.`,
      },
    });
  });

  it('accepts a chunked body within the limit, also right after refusing one', async () => {
    const small = JSON.stringify(newComment());
    const res = await sendChunked([small.slice(0, 10), small.slice(10)]);
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).comment.status).toBe('approved');
  });

  it('keeps answering after refusing', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('text that is not text', () => {
  it.each([
    ['body', { body: 'a\u0000b' }, 'body', 'contains control characters'],
    [
      'name',
      { author: { name: 'A\u0000', email: 'a@b.example' } },
      'author.name',
      'contains control characters',
    ],
    ['title', { title: 'T\u0000' }, 'title', 'contains invalid characters'],
    [
      'website',
      { author: { name: 'A', email: 'a@b.example', website: 'https://a.example/\u0000' } },
      'author.website',
      'contains invalid characters',
    ],
  ])('refuses a NUL byte in the %s with 400', async (_field, over, key, message) => {
    await expectError(
      await t.call('POST', '/api/comments', newComment(over)),
      400,
      'invalid_request',
      { [key]: message },
    );
  });

  it.each([
    ['body', '"body":"a\\ud800b"', 'body'],
    ['body (a trailing low half)', '"body":"a\\udc00"', 'body'],
    ['name', '"author":{"name":"\\udbff","email":"a@b.example"}', 'author.name'],
    ['title', '"title":"x\\ud83d"', 'title'],
    [
      'website',
      '"author":{"name":"A","email":"a@b.example","website":"https://a.example/\\ud800"}',
      'author.website',
    ],
  ])('refuses a lone surrogate in the %s with 400', async (_what, member, key) => {
    const base = {
      url: 'https://news.example/surrogates',
      body: 'ok',
      author: { name: 'A', email: 'a@b.example' },
    };
    const raw = `{${JSON.stringify(base).slice(1, -1)},${member}}`;
    await expectError(await t.call('POST', '/api/comments', raw), 400, 'invalid_request', {
      [key]: 'contains invalid characters',
    });
  });

  it('keeps emoji and other paired surrogates exactly as sent', async () => {
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ body: 'Nice 👍🏽 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', author: { name: 'Zoë 🦊', email: 'z@b.example' } }),
    );
    expect(res.status).toBe(201);
    const { comment } = await res.json();
    expect(comment.author.name).toBe('Zoë 🦊');
    expect(comment.html).toBe('<p>Nice 👍🏽 𝔘𝔫𝔦𝔠𝔬𝔡𝔢</p>\n');
  });

  it('refuses a lone surrogate in an edit with 400', async () => {
    const mine = await posted();
    await expectError(
      await t.call('PATCH', `/api/comments/${mine.comment.id}`, '{"body":"\\ud800"}', {
        Authorization: `Bearer ${mine.editToken}`,
      }),
      400,
      'invalid_request',
      { body: 'contains invalid characters' },
    );
  });
});

describe('over-long fields', () => {
  it.each([
    ['body', { body: 'b'.repeat(LIMITS.bodyMax + 1) }, 'body'],
    [
      'name',
      { author: { name: 'n'.repeat(LIMITS.nameMax + 1), email: 'a@b.example' } },
      'author.name',
    ],
    [
      'email',
      { author: { name: 'A', email: `${'e'.repeat(LIMITS.emailMax)}@b.example` } },
      'author.email',
    ],
    [
      'website',
      {
        author: {
          name: 'A',
          email: 'a@b.example',
          website: `https://a.example/${'w'.repeat(LIMITS.websiteMax)}`,
        },
      },
      'author.website',
    ],
    ['title', { title: 't'.repeat(LIMITS.titleMax + 1) }, 'title'],
    ['url', { url: `https://a.example/${'u'.repeat(LIMITS.urlMax)}` }, 'url'],
  ])('refuses a %s over its limit with 400 naming the field', async (_what, over, key) => {
    await expectError(
      await t.call('POST', '/api/comments', newComment(over)),
      400,
      'invalid_request',
      { [key]: expect.any(String) },
    );
  });
});

describe('thread addresses', () => {
  const bad = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'ftp://files.example/a',
    '/relative/path',
    '//protocol-relative.example/a',
    'news.example/no-scheme',
    'http://',
    `https://long.example/${'a'.repeat(LIMITS.urlMax)}`,
    '',
    ' ',
  ];

  it.each(bad)('refuses %j when posting', async (url) => {
    await expectError(
      await t.call('POST', '/api/comments', newComment({ url })),
      400,
      'invalid_request',
      { url: expect.any(String) },
    );
  });

  it.each(bad)('refuses %j when reading, counting or listening', async (url) => {
    const q = `url=${encodeURIComponent(url)}`;
    await expectError(await t.call('GET', `/api/threads?${q}`), 400, 'invalid_request', {
      url: expect.any(String),
    });
    await expectError(await t.call('GET', `/api/counts?${q}`), 400, 'invalid_request');
    await expectError(await t.call('GET', `/api/events?${q}`), 400, 'invalid_request');
  });
});

describe('ids', () => {
  it.each([
    'abc',
    '0',
    '-1',
    '1.5',
    '1e400',
    '99999999999999999999',
    'NaN',
    'Infinity',
    '%00',
    '1;drop table comments',
    '0x401',
    '1.025e3',
    '01025',
    '%201025',
    '1025%20',
    '+1025',
  ])('refuses comment id %j with 400 on edit and delete, and on the admin routes', async (id) => {
    const auth = { Authorization: 'Bearer whatever' };
    await expectError(
      await t.call('PATCH', `/api/comments/${id}`, { body: 'x' }, auth),
      400,
      'invalid_request',
      { id: 'must be a comment id' },
    );
    await expectError(
      await t.call('DELETE', `/api/comments/${id}`, undefined, auth),
      400,
      'invalid_request',
      { id: 'must be a comment id' },
    );
    await expectError(
      await t.call('DELETE', `/api/admin/comments/${id}`, undefined, {
        Authorization: `Bearer ${ADMIN}`,
      }),
      400,
      'invalid_request',
      { id: 'must be a comment id' },
    );
  });

  it('answers an id that does not exist with 404', async () => {
    await expectError(
      await t.call('DELETE', '/api/comments/123456789', undefined, { Authorization: 'Bearer x' }),
      404,
      'not_found',
    );
  });

  it.each(['abc', '-1', '1.5', '99999999999999999999', '0x401', 0, 1.5])(
    'refuses parentId %j with 400: a JSON integer of 1 or more is the only id',
    async (parentId) => {
      await expectError(
        await t.call('POST', '/api/comments', newComment({ parentId })),
        400,
        'invalid_request',
        { parentId: expect.any(String) },
      );
    },
  );

  it('refuses a parentId sent as a string, even one naming a comment', async () => {
    const parent = await posted();
    await expectError(
      await t.call('POST', '/api/comments', newComment({ parentId: String(parent.comment.id) })),
      400,
      'invalid_request',
      { parentId: expect.any(String) },
    );
  });
});

describe('paging parameters', () => {
  const url = encodeURIComponent('https://news.example/paging');

  it.each(['1e99', '-1', '0', '1.5', 'abc', '', '201', 'Infinity', '9'.repeat(400)])(
    'refuses limit=%j with 400',
    async (limit) => {
      await expectError(
        await t.call('GET', `/api/threads?url=${url}&limit=${encodeURIComponent(limit)}`),
        400,
        'invalid_request',
        { limit: expect.any(String) },
      );
    },
  );

  it.each([
    'garbage',
    '%00%ff',
    'MTIzNDU',
    'LTEuLTE',
    'x'.repeat(201),
    Buffer.from('1.2.3').toString('base64url'),
    Buffer.from(`${'9'.repeat(30)}.1`).toString('base64url'),
  ])('refuses cursor=%j with 400', async (cursor) => {
    await expectError(
      await t.call('GET', `/api/threads?url=${url}&cursor=${encodeURIComponent(cursor)}`),
      400,
      'invalid_request',
      { cursor: expect.any(String) },
    );
  });

  it('refuses an unknown sort with 400', async () => {
    await expectError(
      await t.call('GET', `/api/threads?url=${url}&sort=random`),
      400,
      'invalid_request',
      { sort: expect.any(String) },
    );
  });

  it.each([
    ['url', `url=${url}&url=${encodeURIComponent('https://other.example/')}`],
    ['sort', `url=${url}&sort=oldest&sort=newest`],
    ['limit', `url=${url}&limit=1&limit=2`],
    ['cursor', `url=${url}&cursor=a&cursor=b`],
  ])('refuses a repeated %s with 400', async (name, q) => {
    await expectError(await t.call('GET', `/api/threads?${q}`), 400, 'invalid_request', {
      [name]: expect.any(String),
    });
  });

  it('answers many repeated url parameters on counts without trouble', async () => {
    const q = Array.from(
      { length: LIMITS.countsMaxUrls + 1 },
      (_, i) => `url=${encodeURIComponent(`https://news.example/${i}`)}`,
    ).join('&');
    await expectError(await t.call('GET', `/api/counts?${q}`), 400, 'invalid_request');
  });
});
