import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWordMatcher } from '../../server/domain/moderation.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { adminToken: TOKEN } });
});
afterEach(async () => {
  await t.close();
});

async function statusOf(over: Record<string, unknown>) {
  const res = await t.call('POST', '/api/comments', newComment(over));
  expect(res.status).toBe(201);
  return (await t.store.getComment({ id: (await res.json()).comment.id }))!.status;
}

describe('word lists match what readers see', () => {
  it.each([
    ['an entity', 'play c&#97;sino tonight'],
    ['emphasis inside the word', 'play ca**s**ino tonight'],
    ['a zero-width space', 'play cas\u200Bino tonight'],
    ['a soft hyphen', 'play cas\u00ADino tonight'],
    ['full-width letters', 'play ｃａｓｉｎｏ tonight'],
    ['capitals', 'play CASINO tonight'],
  ])('holds a moderation word hidden behind %s', async (_how, body) => {
    const res = await t.call(
      'PUT',
      '/api/admin/settings',
      { moderationWords: ['casino'], blockWords: [] },
      admin,
    );
    expect(res.status).toBe(200);
    expect(await statusOf({ body })).toBe('pending');
  });

  it('matches a list entry written with accents composed or not', () => {
    const m = createWordMatcher(['cafe\u0301']);
    expect(m('un café noir')).toBe(true);
    expect(m('un cafe noir')).toBe(false);
  });

  it('still lets words that merely contain a listed word through', async () => {
    await t.call(
      'PUT',
      '/api/admin/settings',
      { moderationWords: ['casino'], blockWords: [] },
      admin,
    );
    expect(await statusOf({ body: 'The casinos of Monaco' })).toBe('approved');
  });
});

describe('duplicate detection compares what readers see', () => {
  it.each([
    ['a double space', 'Thanks for the article!', 'Thanks  for the article!'],
    ['a zero-width space', 'Thanks for the article!', 'Thanks for the\u200B article!'],
    ['decomposed Unicode', 'Merci, très bien', 'Merci, tre\u0300s bien'],
  ])('refuses a repeat differing only by %s with 409', async (_how, first, second) => {
    const input = newComment({ body: first });
    expect((await t.call('POST', '/api/comments', input)).status).toBe(201);
    const again = await t.call('POST', '/api/comments', { ...input, body: second });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('duplicate_comment');
  });
});
