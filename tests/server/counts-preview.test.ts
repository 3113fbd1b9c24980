import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('GET /api/counts', () => {
  it('counts approved comments for 20 URLs in one request, keyed as asked', async () => {
    const urls = Array.from({ length: 20 }, (_, i) => `https://news.example/list/${i}`);
    for (const [i, url] of urls.entries()) {
      for (let n = 0; n < i % 4; n++)
        await t.call('POST', '/api/comments', newComment({ url, body: `c${n}` }));
    }
    const asked = [...urls.slice(0, 19), 'HTTPS://NEWS.EXAMPLE/list/19?utm_source=x'];
    const res = await t.call(
      'GET',
      `/api/counts?${asked.map((u) => `url=${encodeURIComponent(u)}`).join('&')}`,
    );
    expect(res.status).toBe(200);
    const { counts } = await res.json();
    expect(Object.keys(counts)).toEqual(asked);
    expect(asked.map((u) => counts[u])).toEqual(urls.map((_, i) => i % 4));
  });

  it('counts 0 for a URL nobody commented on', async () => {
    const res = await t.call('GET', '/api/counts?url=https%3A%2F%2Fnews.example%2Fquiet');
    expect(await res.json()).toEqual({ counts: { 'https://news.example/quiet': 0 } });
  });

  it('leaves pending comments out of the count', async () => {
    const strict = await createTestApp({ config: { moderation: 'all' } });
    try {
      const input = newComment();
      await strict.call('POST', '/api/comments', input);
      const res = await strict.call('GET', `/api/counts?url=${encodeURIComponent(input.url)}`);
      expect((await res.json()).counts[input.url]).toBe(0);
    } finally {
      await strict.close();
    }
  });

  it('returns 400 when a URL is missing, invalid or there are too many', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `url=https%3A%2F%2Fn.example%2F${i}`).join(
      '&',
    );
    for (const q of [
      '',
      'url=javascript%3Aalert(1)',
      'url=https%3A%2F%2Fok.example&url=%2Frelative',
      many,
    ]) {
      const res = await t.call('GET', `/api/counts?${q}`);
      expect(res.status, q.slice(0, 40)).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.fields).toBeDefined();
    }
  });
});

describe('POST /api/preview', () => {
  it('renders exactly what posting the same body stores', async () => {
    const body =
      'Hello *world*\n\n> quoted\n\n- one\n- two\n\n`code` <script>alert(1)</script> https://link.example';
    const preview = await (await t.call('POST', '/api/preview', { body })).json();
    const posted = await (await t.call('POST', '/api/comments', newComment({ body }))).json();
    expect(preview.html).toBe(posted.comment.html);
    expect(preview.html).toContain('<blockquote>');
  });

  it('returns 400 for a blank body and 415 for a non-JSON body', async () => {
    const blank = await t.call('POST', '/api/preview', { body: '  ' });
    expect(blank.status).toBe(400);
    expect((await blank.json()).error.fields).toEqual({ body: 'must not be blank' });
    const form = await t.call('POST', '/api/preview', 'body=x', { 'Content-Type': 'text/plain' });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe('unsupported_media_type');
  });
});
