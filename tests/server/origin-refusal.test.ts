import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { origins: ['https://publisher.example'] } });
});
afterAll(() => t.close());

const thread = `/api/threads?url=${encodeURIComponent('https://publisher.example/a')}`;

describe('a page on an origin the server does not serve', () => {
  it.each([
    ['GET', thread, undefined],
    ['GET', `/api/counts?url=${encodeURIComponent('https://publisher.example/a')}`, undefined],
    ['POST', '/api/comments', newComment()],
  ] as const)(
    'gets a readable 403 origin_not_allowed naming CONFAB_ORIGINS on %s %s',
    async (method, path, body) => {
      const res = await t.call(method, path, body, { Origin: 'https://stranger.example' });
      expect(res.status).toBe(403);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://stranger.example');
      expect(res.headers.get('Vary')).toContain('Origin');
      const error = (await res.json()).error;
      expect(error.code).toBe('origin_not_allowed');
      expect(error.message).toContain('https://stranger.example');
      expect(error.message).toContain('CONFAB_ORIGINS');
    },
  );

  it('stores nothing it sent', async () => {
    const input = newComment({ url: 'https://publisher.example/refused' });
    await t.call('POST', '/api/comments', input, { Origin: 'https://stranger.example' });
    const page = await (
      await t.call('GET', `/api/threads?url=${encodeURIComponent(input.url)}`)
    ).json();
    expect(page.comments).toEqual([]);
  });
});

describe('requests the origin check lets through', () => {
  it.each([
    ['no Origin (a script or a server)', {}],
    ['an allowed origin', { Origin: 'https://publisher.example' }],
    ['localhost', { Origin: 'http://localhost:5173' }],
    ['a page of this server', { Origin: 'http://localhost' }],
    [
      'this server behind a TLS proxy',
      { Origin: 'https://comments.example', Host: 'comments.example' },
    ],
    [
      'a same-origin fetch',
      { Origin: 'https://comments.example', 'Sec-Fetch-Site': 'same-origin' },
    ],
  ])('answers %s', async (_who, headers: Record<string, string>) => {
    const res = await t.call('GET', thread, undefined, headers);
    expect(res.status).toBe(200);
  });
});
