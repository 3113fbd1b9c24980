import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('author names', () => {
  it.each([
    ['zero-width spaces', '\u200B\u200B\u200B'],
    ['a zero-width joiner and a word joiner', '\u200D\u2060'],
    ['bidi marks', '\u200E\u200F\u202E'],
    ['a Hangul filler', '\u3164'],
    ['a soft hyphen between spaces', ' \u00AD '],
  ])('refuses a name made only of %s with 400 on author.name', async (_what, name) => {
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ author: { name, email: 'a@b.example' } }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.fields).toHaveProperty(['author.name']);
  });

  it('accepts a right-to-left name and one with a joiner between letters', async () => {
    for (const name of ['مريم', 'a\u200Db']) {
      const res = await t.call(
        'POST',
        '/api/comments',
        newComment({ author: { name, email: 'a@b.example' } }),
      );
      expect(res.status).toBe(201);
    }
  });
});
