import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { createWordMatcher, initialStatus, judgeWords } from '../../server/domain/moderation.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const admin = { Authorization: `Bearer ${TOKEN}` };

describe('initialStatus', () => {
  const base = { mode: 'none', maxLinks: 2, links: 0, knownAuthor: false } as const;

  it('approves everything in mode none', () => {
    expect(initialStatus(base)).toBe('approved');
  });

  it('holds everything in mode all, known authors too', () => {
    expect(initialStatus({ ...base, mode: 'all', knownAuthor: true })).toBe('pending');
  });

  it('holds only unknown authors in mode first-time', () => {
    expect(initialStatus({ ...base, mode: 'first-time' })).toBe('pending');
    expect(initialStatus({ ...base, mode: 'first-time', knownAuthor: true })).toBe('approved');
  });

  it('holds a comment with more links than allowed, whatever the mode', () => {
    expect(initialStatus({ ...base, links: 2 })).toBe('approved');
    expect(initialStatus({ ...base, links: 3 })).toBe('pending');
  });

  it('holds on a moderation word and sends a block word to spam, whatever the mode', () => {
    expect(initialStatus({ ...base, words: 'hold' })).toBe('pending');
    expect(initialStatus({ ...base, mode: 'all', words: 'block' })).toBe('spam');
    expect(initialStatus({ ...base, mode: 'first-time', knownAuthor: true, words: 'block' })).toBe(
      'spam',
    );
  });
});

describe('createWordMatcher', () => {
  it('matches whole words only', () => {
    const m = createWordMatcher(['cialis', 'ass']);
    expect(m('buy cialis now')).toBe(true);
    expect(m('see a specialist')).toBe(false);
    expect(m('a classic pass')).toBe(false);
    expect(m('cialis.')).toBe(true);
  });

  it('ignores case in any script and treats accented letters as letters', () => {
    const m = createWordMatcher(['école', 'Σπαμ']);
    expect(m('ÉCOLE privée')).toBe(true);
    expect(m('σπαμ εδώ')).toBe(true);
    // "é" is a letter, so "écoles" is another word and "lécole" is not "école".
    expect(m('les écoles')).toBe(false);
    expect(m('lécole')).toBe(false);
  });

  it('matches phrases across any run of spaces and full-width look-alikes', () => {
    const m = createWordMatcher(['buy now', 'casino']);
    expect(m('please BUY   now')).toBe(true);
    expect(m('ｃａｓｉｎｏ night')).toBe(true);
    expect(m('buy nowhere')).toBe(false);
  });

  it('matches entries with punctuation at an edge inside words, like an address part', () => {
    const m = createWordMatcher(['.ru', 'spam.example']);
    expect(m('https://cheap.ru/pills')).toBe(true);
    expect(m('me@spam.example')).toBe(true);
    expect(m('a truly fine comment')).toBe(false);
  });

  it('matches nothing when the list is empty and treats regex characters literally', () => {
    expect(createWordMatcher([])('anything')).toBe(false);
    const m = createWordMatcher(['a+b', '(x)']);
    expect(m('a+b is fine')).toBe(true);
    expect(m('aab')).toBe(false);
    expect(m('f(x)')).toBe(true);
  });

  it('judges block words before moderation words', () => {
    const m = { hold: createWordMatcher(['cheap']), block: createWordMatcher(['pills']) };
    expect(judgeWords(m, ['cheap pills'])).toBe('block');
    expect(judgeWords(m, ['cheap flights'])).toBe('hold');
    expect(judgeWords(m, ['fine', null, undefined])).toBe('none');
  });
});

describe('moderation of posted comments', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const open = async (config: Partial<Config> = {}) => {
    t = await createTestApp({ config: { adminToken: TOKEN, ...config } });
  };
  /** Posts and returns the comment as stored: the answer shows spam as pending, so bots cannot tell. */
  const post = async (over: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/api/comments', newComment(over));
    expect(res.status).toBe(201);
    return (await t.store.getComment({ id: (await res.json()).comment.id }))!;
  };
  const setWords = async (moderationWords: string[], blockWords: string[]) => {
    const res = await t.call('PUT', '/api/admin/settings', { moderationWords, blockWords }, admin);
    expect(res.status).toBe(200);
  };
  const author = (email: string) => ({ name: 'Kim', email });

  it('approves at once in mode none', async () => {
    await open({ moderation: 'none' });
    expect((await post()).status).toBe('approved');
  });

  it('holds every comment in mode all', async () => {
    await open({ moderation: 'all' });
    const first = await post({ author: author('kim@example.com') });
    await t.call('PATCH', `/api/admin/comments/${first.id}`, { status: 'approved' }, admin);
    expect((await post({ author: author('kim@example.com') })).status).toBe('pending');
  });

  it("holds an email's comments in mode first-time until one is approved, then lets them through", async () => {
    await open({ moderation: 'first-time' });
    const first = await post({ author: author('Kim@Example.com') });
    expect(first.status).toBe('pending');
    expect((await post({ author: author('kim@example.com') })).status).toBe('pending');
    await t.call('PATCH', `/api/admin/comments/${first.id}`, { status: 'approved' }, admin);
    expect((await post({ author: author('KIM@example.com') })).status).toBe('approved');
    expect((await post({ author: author('someone@example.com') })).status).toBe('pending');
  });

  it('holds a comment with more links than CONFAB_MAX_LINKS in mode none', async () => {
    await open({ moderation: 'none', maxLinks: 1 });
    expect((await post({ body: 'see https://a.example' })).status).toBe('approved');
    expect((await post({ body: 'see https://a.example and https://b.example' })).status).toBe(
      'pending',
    );
  });

  it('holds a comment with a moderation word and sends one with a block word to spam', async () => {
    await open({ moderation: 'none' });
    await setWords(['casino'], ['viagra']);
    expect((await post({ body: 'Our Casino is open' })).status).toBe('pending');
    expect((await post({ body: 'cheap VIAGRA here, also casino' })).status).toBe('spam');
    expect((await post({ body: 'The casinos of Monaco' })).status).toBe('approved');
  });

  it('looks for the words in the name, email and website too', async () => {
    await open({ moderation: 'none' });
    await setWords(['seo'], ['spam.example']);
    expect(
      (await post({ author: { name: 'Best SEO agency', email: 'a@example.com' } })).status,
    ).toBe('pending');
    expect((await post({ author: { name: 'Al', email: 'al@spam.example' } })).status).toBe('spam');
    expect(
      (
        await post({
          author: { name: 'Al', email: 'al@example.com', website: 'https://spam.example/x' },
        })
      ).status,
    ).toBe('spam');
  });

  it('applies the word lists in mode all and first-time as well', async () => {
    await open({ moderation: 'first-time' });
    await setWords([], ['viagra']);
    const first = await post({ author: author('kim@example.com') });
    await t.call('PATCH', `/api/admin/comments/${first.id}`, { status: 'approved' }, admin);
    expect((await post({ author: author('kim@example.com'), body: 'viagra' })).status).toBe('spam');
  });

  it('hides held and spam comments from readers', async () => {
    await open({ moderation: 'none' });
    await setWords(['casino'], ['viagra']);
    const url = 'https://news.example/held';
    await post({ url, body: 'casino' });
    await post({ url, body: 'viagra' });
    const page = await (await t.call('GET', `/api/threads?url=${encodeURIComponent(url)}`)).json();
    expect(page.comments).toEqual([]);
    expect(page.thread.count).toBe(0);
  });
});

describe('word lists', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('are stored cleaned (trimmed, no repeats) and read back', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const put = await t.call(
      'PUT',
      '/api/admin/settings',
      { moderationWords: [' casino ', 'Casino', 'poker'], blockWords: ['viagra'] },
      admin,
    );
    expect(await put.json()).toEqual({
      moderationWords: ['casino', 'poker'],
      blockWords: ['viagra'],
    });
    const get = await t.call('GET', '/api/admin/settings', undefined, admin);
    expect(await get.json()).toEqual({
      moderationWords: ['casino', 'poker'],
      blockWords: ['viagra'],
    });
  });

  it('refuse blank entries, overlong words and missing lists with 400 and the field', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const blank = await t.call(
      'PUT',
      '/api/admin/settings',
      { moderationWords: ['  '], blockWords: [] },
      admin,
    );
    expect(blank.status).toBe(400);
    expect((await blank.json()).error).toEqual({
      code: 'invalid_request',
      message: expect.any(String),
      fields: { 'moderationWords.0': 'must not be blank' },
    });
    const long = await t.call(
      'PUT',
      '/api/admin/settings',
      { moderationWords: [], blockWords: ['x'.repeat(101)] },
      admin,
    );
    expect((await long.json()).error.fields).toEqual({
      'blockWords.0': 'must be at most 100 characters',
    });
    const missing = await t.call('PUT', '/api/admin/settings', { moderationWords: [] }, admin);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fields).toHaveProperty('blockWords');
  });

  it('survive a restart', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    await t.call(
      'PUT',
      '/api/admin/settings',
      { moderationWords: ['casino'], blockWords: ['viagra'] },
      admin,
    );
    const dbPath = t.dbPath;
    await t.store.close();
    const again = await createTestApp({ dbPath, config: { adminToken: TOKEN } });
    try {
      expect(
        await (await again.call('GET', '/api/admin/settings', undefined, admin)).json(),
      ).toEqual({ moderationWords: ['casino'], blockWords: ['viagra'] });
      const res = await again.call('POST', '/api/comments', newComment({ body: 'viagra' }));
      expect((await again.store.getComment({ id: (await res.json()).comment.id }))!.status).toBe(
        'spam',
      );
    } finally {
      await again.close();
    }
    t = await createTestApp();
  });

  it('written by another instance on the same database apply here within seconds', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const other = await createTestApp({ dbPath: t.dbPath, config: { adminToken: TOKEN } });
    const statusOf = async (res: Response) =>
      (await t.store.getComment({ id: (await res.json()).comment.id }))!.status;
    try {
      expect(
        await statusOf(await t.call('POST', '/api/comments', newComment({ body: 'viagra' }))),
      ).toBe('approved');
      await other.call(
        'PUT',
        '/api/admin/settings',
        { moderationWords: [], blockWords: ['viagra'] },
        admin,
      );
      // Within the cache's lifetime this instance may still use the old lists; after it, never.
      t.clock.advance(5_000);
      expect(
        await statusOf(await t.call('POST', '/api/comments', newComment({ body: 'viagra' }))),
      ).toBe('spam');
    } finally {
      await other.store.close();
    }
  });
});
