import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineApp, ENGINES } from '../support/engine-app.js';
import { newComment, type TestApp } from '../support/test-app.js';

const SERVER_ADMIN = 'server-admin-token-0123456789';
const server = { Authorization: `Bearer ${SERVER_ADMIN}` };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const threadOf = (url: string) => `/api/threads?url=${encodeURIComponent(url)}`;

describe.each(ENGINES)('sites on %s', (engine) => {
  let t: TestApp;
  let gazetteToken: string;
  beforeAll(async () => {
    t = await createEngineApp(engine, {
      adminToken: SERVER_ADMIN,
      origins: ['https://news.example'],
      hosts: ['news.example'],
    });
    const res = await t.call(
      'POST',
      '/api/admin/sites',
      {
        id: 'gazette',
        name: 'The Gazette',
        origins: ['https://gazette.example'],
        settings: { moderation: 'all' },
      },
      server,
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.site).toMatchObject({ id: 'gazette', hosts: ['gazette.example'], hasToken: true });
    gazetteToken = body.token;
  });
  afterAll(() => t?.close());

  describe('unknown_site', () => {
    it.each([
      ['reading a thread', 'GET', threadOf('https://bank.example/login'), undefined],
      [
        'counting',
        'GET',
        `/api/counts?url=${encodeURIComponent('http://169.254.169.254/')}`,
        undefined,
      ],
      ['posting', 'POST', '/api/comments', newComment({ url: 'https://bank.example/a' })],
    ] as const)(
      'answers 400 unknown_site on %s for a host no site has',
      async (_what, method, path, body) => {
        const res = await t.call(method, path, body);
        expect(res.status).toBe(400);
        const { error } = await res.json();
        expect(error.code).toBe('unknown_site');
        expect(error.message).toMatch(/bank\.example|169\.254\.169\.254/);
      },
    );

    it('stores nothing for a host no site has', async () => {
      await t.call('POST', '/api/comments', newComment({ url: 'https://bank.example/b' }));
      const stats = await (await t.call('GET', '/api/admin/stats', undefined, server)).json();
      const listed = await (
        await t.call('GET', '/api/admin/comments?q=bank.example', undefined, server)
      ).json();
      expect(listed.comments).toEqual([]);
      expect(stats.threads).toBeGreaterThanOrEqual(0);
    });
  });

  describe('isolation', () => {
    let newsId: number;
    let gazetteId: number;
    beforeAll(async () => {
      const news = await t.call(
        'POST',
        '/api/comments',
        newComment({ url: 'https://news.example/isolated', body: 'News words' }),
      );
      newsId = (await news.json()).comment.id;
      const gazette = await t.call(
        'POST',
        '/api/comments',
        newComment({ url: 'https://gazette.example/isolated', body: 'Gazette words' }),
      );
      gazetteId = (await gazette.json()).comment.id;
    });

    it("follows each site's own settings: the Gazette holds every comment, the default site none", async () => {
      const news = await t.call(
        'POST',
        '/api/comments',
        newComment({ url: 'https://news.example/s' }),
      );
      const gazette = await t.call(
        'POST',
        '/api/comments',
        newComment({ url: 'https://gazette.example/s' }),
      );
      expect((await news.json()).comment.status).toBe('approved');
      expect((await gazette.json()).comment.status).toBe('pending');
    });

    it("lists, counts and exports only the site's own comments for a site's token", async () => {
      const listed = await (
        await t.call('GET', '/api/admin/comments', undefined, bearer(gazetteToken))
      ).json();
      const urls = listed.comments.map((c: { thread: { url: string } }) => c.thread.url);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.every((u: string) => u.startsWith('https://gazette.example/'))).toBe(true);
      const stats = await (
        await t.call('GET', '/api/admin/stats', undefined, bearer(gazetteToken))
      ).json();
      expect(stats.threads).toBe(2);
      const exported = await (
        await t.call('GET', '/api/admin/export', undefined, bearer(gazetteToken))
      ).json();
      expect(exported.comments.map((c: { id: number }) => c.id)).toContain(gazetteId);
      expect(exported.comments.map((c: { id: number }) => c.id)).not.toContain(newsId);
      expect(exported.bans).toEqual([]);
    });

    it("answers 404 to a site's token for another site's comment, and changes nothing", async () => {
      const res = await t.call(
        'PATCH',
        `/api/admin/comments/${newsId}`,
        { status: 'spam' },
        bearer(gazetteToken),
      );
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
      const erase = await t.call(
        'DELETE',
        `/api/admin/comments/${newsId}`,
        undefined,
        bearer(gazetteToken),
      );
      expect(erase.status).toBe(404);
      const bulk = await (
        await t.call(
          'POST',
          '/api/admin/comments/bulk',
          { ids: [newsId], action: 'spam' },
          bearer(gazetteToken),
        )
      ).json();
      expect(bulk).toEqual({ done: [], missing: [newsId] });
      const page = await (await t.call('GET', threadOf('https://news.example/isolated'))).json();
      expect(page.comments.map((c: { id: number }) => c.id)).toEqual([newsId]);
    });

    it("refuses a site's token asking for another site, and the server admin's own routes", async () => {
      const other = await t.call(
        'GET',
        '/api/admin/comments?site=default',
        undefined,
        bearer(gazetteToken),
      );
      expect(other.status).toBe(403);
      expect((await other.json()).error.code).toBe('forbidden');
      const bans = await t.call('GET', '/api/admin/bans', undefined, bearer(gazetteToken));
      expect(bans.status).toBe(403);
      expect((await bans.json()).error.code).toBe('forbidden');
    });

    it('lets the server admin see every site, or narrow to one with ?site=', async () => {
      const all = await (await t.call('GET', '/api/admin/comments', undefined, server)).json();
      const ids = all.comments.map((c: { id: number }) => c.id);
      expect(ids).toEqual(expect.arrayContaining([newsId, gazetteId]));
      const one = await (
        await t.call('GET', '/api/admin/comments?site=default', undefined, server)
      ).json();
      expect(one.comments.map((c: { id: number }) => c.id)).not.toContain(gazetteId);
    });

    it("keeps each site's word lists apart", async () => {
      const put = await t.call(
        'PUT',
        '/api/admin/settings',
        { moderationWords: [], blockWords: ['casino'] },
        bearer(gazetteToken),
      );
      expect(put.status).toBe(200);
      const own = await (await t.call('GET', '/api/admin/settings', undefined, server)).json();
      expect(own.blockWords).toEqual([]);
      const news = await t.call(
        'POST',
        '/api/comments',
        newComment({ url: 'https://news.example/w', body: 'casino' }),
      );
      expect((await news.json()).comment.status).toBe('approved');
    });

    it("refuses an import by a site's token of another site's thread, and imports its own into it", async () => {
      const file = (url: string) => ({
        format: 'confab',
        version: 2,
        exportedAt: '2016-05-31T06:24:00.000Z',
        threads: [{ url, title: null, createdAt: '2016-05-31T06:24:00.000Z' }],
        comments: [],
      });
      const refused = await t.call(
        'POST',
        '/api/admin/import',
        file('https://news.example/imported'),
        bearer(gazetteToken),
      );
      expect(refused.status).toBe(400);
      expect((await refused.json()).error.fields).toHaveProperty(['threads.0.url']);
      const threads = async () =>
        (await (await t.call('GET', '/api/admin/stats', undefined, bearer(gazetteToken))).json())
          .threads;
      const before = await threads();
      const own = await t.call(
        'POST',
        '/api/admin/import',
        file('https://gazette.example/imported'),
        bearer(gazetteToken),
      );
      expect(own.status).toBe(200);
      expect(await threads()).toBe(before + 1);
    });
  });

  describe("the page's Origin", () => {
    it("lets a site's own origin read and post its threads", async () => {
      const origin = { Origin: 'https://gazette.example' };
      expect(
        (await t.call('GET', threadOf('https://gazette.example/o'), undefined, origin)).status,
      ).toBe(200);
      const posted = await t.call(
        'POST',
        '/api/comments',
        newComment({ url: 'https://gazette.example/o' }),
        origin,
      );
      expect(posted.status).toBe(201);
    });

    it.each([
      ['reading', 'GET', threadOf('https://news.example/o'), undefined],
      [
        'counting',
        'GET',
        `/api/counts?url=${encodeURIComponent('https://news.example/o')}`,
        undefined,
      ],
      ['posting', 'POST', '/api/comments', newComment({ url: 'https://news.example/o' })],
    ] as const)(
      "answers 403 origin_not_allowed to another site's page %s a thread",
      async (_what, method, path, body) => {
        const res = await t.call(method, path, body, { Origin: 'https://gazette.example' });
        expect(res.status).toBe(403);
        expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://gazette.example');
        const { error } = await res.json();
        expect(error.code).toBe('origin_not_allowed');
        expect(error.message).toContain('news.example');
      },
    );

    it("refuses another site's page liking, editing, deleting or following a comment, as it does reading", async () => {
      const posted = await t.call(
        'POST',
        '/api/comments',
        newComment({ url: 'https://news.example/kept' }),
      );
      const { comment, editToken } = await posted.json();
      const gazette = { Origin: 'https://gazette.example' };
      const author = { ...gazette, Authorization: `Bearer ${editToken}` };
      const like = { key: 'a-browser-key-0123456789' };
      for (const res of [
        await t.call('POST', `/api/comments/${comment.id}/like`, like, gazette),
        await t.call('DELETE', `/api/comments/${comment.id}/like`, like, gazette),
        await t.call('PATCH', `/api/comments/${comment.id}`, { body: 'Changed' }, author),
        await t.call('DELETE', `/api/comments/${comment.id}`, undefined, author),
        await t.call(
          'GET',
          `/api/events?url=${encodeURIComponent('https://news.example/kept')}`,
          undefined,
          gazette,
        ),
      ]) {
        expect(res.status).toBe(403);
        expect((await res.json()).error.code).toBe('origin_not_allowed');
      }
      // Its own site's page (and a server, with no Origin) may.
      const own = { Origin: 'https://news.example' };
      expect((await t.call('POST', `/api/comments/${comment.id}/like`, like, own)).status).toBe(
        200,
      );
      const edited = await t.call(
        'PATCH',
        `/api/comments/${comment.id}`,
        { body: 'Changed' },
        {
          Authorization: `Bearer ${editToken}`,
        },
      );
      expect(edited.status).toBe(200);
    });
  });

  describe('managing sites', () => {
    it('lists default first, from the environment, and a site’s token its own site only', async () => {
      const all = await (await t.call('GET', '/api/admin/sites', undefined, server)).json();
      expect(all.sites.map((s: { id: string }) => s.id)).toEqual(['default', 'gazette']);
      expect(all.sites[0]).toMatchObject({ fromEnvironment: true, hosts: ['news.example'] });
      const own = await (
        await t.call('GET', '/api/admin/sites', undefined, bearer(gazetteToken))
      ).json();
      expect(own.sites.map((s: { id: string }) => s.id)).toEqual(['gazette']);
    });

    it("lets a site's token rename its site but not move its hosts, add or remove sites", async () => {
      const renamed = await t.call(
        'PATCH',
        '/api/admin/sites/gazette',
        { name: 'Gazette' },
        bearer(gazetteToken),
      );
      expect(renamed.status).toBe(200);
      expect((await renamed.json()).site.name).toBe('Gazette');
      for (const [method, path, body] of [
        ['PATCH', '/api/admin/sites/gazette', { hosts: ['news.example'] }],
        ['POST', '/api/admin/sites', { id: 'x', name: 'X', origins: ['https://x.example'] }],
        ['DELETE', '/api/admin/sites/gazette', undefined],
      ] as const) {
        const res = await t.call(method, path, body, bearer(gazetteToken));
        expect(res.status, `${method} ${path}`).toBe(403);
        expect((await res.json()).error.code).toBe('forbidden');
      }
    });

    it("keeps a site's webhook for the server admin: its token can neither set nor drop it", async () => {
      const hook = { webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: 'a-secret-of-16-chars' };
      const set = await t.call(
        'PATCH',
        '/api/admin/sites/gazette',
        { settings: { maxLinks: 3, ...hook } },
        server,
      );
      expect(set.status).toBe(200);
      for (const settings of [
        { webhookUrl: 'http://169.254.169.254/latest' },
        { webhookUrl: 'http://10.0.0.1/', webhookSecret: 'another-secret-0123' },
      ]) {
        const res = await t.call(
          'PATCH',
          '/api/admin/sites/gazette',
          { settings },
          bearer(gazetteToken),
        );
        expect(res.status).toBe(403);
        expect((await res.json()).error.code).toBe('forbidden');
      }
      const own = await t.call(
        'PATCH',
        '/api/admin/sites/gazette',
        { settings: { maxLinks: 5 } },
        bearer(gazetteToken),
      );
      expect(own.status).toBe(200);
      expect((await own.json()).site.settings).toEqual({
        maxLinks: 5,
        webhookUrl: hook.webhookUrl,
        hasWebhookSecret: true,
      });
      const cleared = await t.call('PATCH', '/api/admin/sites/gazette', { settings: {} }, server);
      expect((await cleared.json()).site.settings).toEqual({});
    });

    it('refuses a host another site has, a taken id, and changes to the default site', async () => {
      const taken = await t.call(
        'POST',
        '/api/admin/sites',
        { id: 'copy', name: 'Copy', origins: ['https://news.example'] },
        server,
      );
      expect(taken.status).toBe(400);
      expect((await taken.json()).error.fields.hosts).toContain('news.example');
      const again = await t.call(
        'POST',
        '/api/admin/sites',
        { id: 'gazette', name: 'Again', origins: ['https://again.example'] },
        server,
      );
      expect(again.status).toBe(409);
      expect((await again.json()).error.code).toBe('conflict');
      const env = await t.call('PATCH', '/api/admin/sites/default', { name: 'X' }, server);
      expect(env.status).toBe(403);
      expect((await env.json()).error.code).toBe('forbidden');
    });

    it('gives a site a new token on request, after which the old one is refused', async () => {
      const res = await t.call('PATCH', '/api/admin/sites/gazette', { newToken: true }, server);
      const { token } = await res.json();
      expect(token).toEqual(expect.any(String));
      expect(
        (await t.call('GET', '/api/admin/stats', undefined, bearer(gazetteToken))).status,
      ).toBe(401);
      expect((await t.call('GET', '/api/admin/stats', undefined, bearer(token))).status).toBe(200);
      gazetteToken = token;
    });

    it('removes a site: its hosts belong to no site from then on', async () => {
      const res = await t.call('DELETE', '/api/admin/sites/gazette', undefined, server);
      expect(res.status).toBe(204);
      const read = await t.call('GET', threadOf('https://gazette.example/o'));
      expect(read.status).toBe(400);
      expect((await read.json()).error.code).toBe('unknown_site');
      const gone = await t.call('DELETE', '/api/admin/sites/gazette', undefined, server);
      expect(gone.status).toBe(404);
      expect((await gone.json()).error.code).toBe('not_found');
    });
  });
});

describe('a server with no origins configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createEngineApp('SQLite');
  });
  afterAll(() => t?.close());

  it('takes comments for a page on any host', async () => {
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ url: 'https://anywhere.example/a' }),
    );
    expect(res.status).toBe(201);
  });
});
