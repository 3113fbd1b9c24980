import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/schema/limits.js';
import { unsafeHtmlProblems, XSS_PAYLOADS } from '../fixtures/xss-payloads.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Comment {
  id: number;
  html: string;
  author: { name: string; website: string | null };
}

async function thread(url: string): Promise<Comment[]> {
  return (await (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json())
    .comments;
}

const isHttp = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

describe('the XSS corpus', () => {
  it('has at least 100 distinct payloads', () => {
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  });
});

describe('XSS payloads posted as comment bodies', () => {
  it('are stored and returned as HTML that cannot run script', async () => {
    for (const payload of XSS_PAYLOADS) {
      const input = newComment({ body: payload });
      const res = await t.call('POST', '/api/comments', input);
      expect(res.status, payload).toBe(201);
      const { comment } = await res.json();
      expect(unsafeHtmlProblems(comment.html), payload).toEqual([]);
      const [read] = await thread(input.url);
      expect(read!.html, payload).toBe(comment.html);
      const stored = await t.store.getComment({ id: comment.id });
      expect(stored?.body, payload).toBe(payload);
      expect(stored?.html, payload).toBe(comment.html);
    }
  });

  it('render safely in a preview and after an edit', async () => {
    const posted = await (await t.call('POST', '/api/comments', newComment())).json();
    for (const payload of XSS_PAYLOADS) {
      const preview = await (await t.call('POST', '/api/preview', { body: payload })).json();
      expect(unsafeHtmlProblems(preview.html), payload).toEqual([]);
      const res = await t.call(
        'PATCH',
        `/api/comments/${posted.comment.id}`,
        { body: payload },
        { Authorization: `Bearer ${posted.editToken}` },
      );
      expect(res.status, payload).toBe(200);
      const { comment } = await res.json();
      expect(comment.html, payload).toBe(preview.html);
    }
  });
});

describe('XSS payloads posted as author names', () => {
  it('come back verbatim as text, for the widget to render through Lit bindings', async () => {
    for (const payload of XSS_PAYLOADS) {
      const name = payload.slice(0, LIMITS.nameMax).trim();
      if (!name) continue;
      const input = newComment({ author: { name, email: 'x@b.example' } });
      const res = await t.call('POST', '/api/comments', input);
      expect(res.status, payload).toBe(201);
      expect((await res.json()).comment.author.name).toBe(name);
      const [read] = await thread(input.url);
      expect(read!.author.name).toBe(name);
    }
  });
});

describe('XSS payloads posted as author websites', () => {
  it('are refused with 400 unless they are an http or https address', async () => {
    let refused = 0;
    for (const payload of XSS_PAYLOADS) {
      const res = await t.call(
        'POST',
        '/api/comments',
        newComment({ author: { name: 'A', email: 'a@b.example', website: payload } }),
      );
      if (isHttp(payload.trim())) {
        expect(res.status, payload).toBe(201);
        continue;
      }
      refused += 1;
      expect(res.status, payload).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.fields['author.website'], payload).toEqual(expect.any(String));
    }
    expect(refused).toBeGreaterThan(XSS_PAYLOADS.length * 0.9);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example',
    '/relative',
    'http://',
    'ftp://files.example/',
  ])('refuses %j', async (website) => {
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ author: { name: 'A', email: 'a@b.example', website } }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ 'author.website': expect.any(String) });
  });

  it('keeps only http(s) addresses, even with a payload in the path or query', async () => {
    for (const payload of XSS_PAYLOADS) {
      const website = `https://ok.example/${payload}`.slice(0, LIMITS.websiteMax);
      const input = newComment({ author: { name: 'A', email: 'a@b.example', website } });
      const res = await t.call('POST', '/api/comments', input);
      if (res.status === 400) {
        expect((await res.json()).error.fields, payload).toEqual({
          'author.website': expect.any(String),
        });
        continue;
      }
      expect(res.status, payload).toBe(201);
      const { comment } = await res.json();
      expect(isHttp(comment.author.website), payload).toBe(true);
      expect(new URL(comment.author.website).host).toBe('ok.example');
    }
  });
});
