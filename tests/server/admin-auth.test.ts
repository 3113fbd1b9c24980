import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';
const right = { Authorization: `Bearer ${TOKEN}` };
const wrong = { Authorization: 'Bearer not-the-admin-token-000000' };

let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** Every admin route, with a request that succeeds when the token is right. */
function adminRequests(commentId: number) {
  const exported = {
    format: 'confab',
    version: 1,
    exportedAt: '2016-05-31T06:24:00.000Z',
    threads: [],
    comments: [],
  };
  return [
    { method: 'GET', path: '/api/admin/comments?status=approved', ok: 200 },
    {
      method: 'PATCH',
      path: `/api/admin/comments/${commentId}`,
      body: { status: 'pending' },
      ok: 200,
    },
    {
      method: 'POST',
      path: '/api/admin/comments/bulk',
      body: { ids: [commentId], action: 'approve' },
      ok: 200,
    },
    { method: 'GET', path: '/api/admin/stats', ok: 200 },
    { method: 'GET', path: '/api/admin/settings', ok: 200 },
    {
      method: 'PUT',
      path: '/api/admin/settings',
      body: { moderationWords: ['casino'], blockWords: [] },
      ok: 200,
    },
    { method: 'GET', path: '/api/admin/export', ok: 200 },
    { method: 'POST', path: '/api/admin/import?format=confab', body: exported, ok: 200 },
    { method: 'GET', path: '/api/admin/authors/bonnie%40example.com/export', ok: 200 },
    { method: 'DELETE', path: '/api/admin/authors/nobody%40example.com', ok: 200 },
    { method: 'DELETE', path: `/api/admin/comments/${commentId}`, ok: 200 },
  ] as const;
}

describe('admin routes', () => {
  it('answer 401 unauthorized without a token, 401 with a wrong one and succeed with the right one', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const posted = await (await t.call('POST', '/api/comments', newComment())).json();
    let client = 0;
    for (const r of adminRequests(posted.comment.id)) {
      const body = 'body' in r ? r.body : undefined;
      const none = await t.call(r.method, r.path, body);
      expect(none.status, `${r.method} ${r.path} without a token`).toBe(401);
      expect(none.headers.get('WWW-Authenticate')).toBe('Bearer realm="confab-admin"');
      expect((await none.json()).error).toEqual({
        code: 'unauthorized',
        message: expect.stringContaining('Authorization: Bearer'),
      });

      // Each wrong token from its own address, so none is throttled.
      client += 1;
      const bad = await t.app.request(
        r.path,
        {
          method: r.method,
          headers: { ...wrong, 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        { incoming: { socket: { remoteAddress: `203.0.113.${client}` } } },
      );
      expect(bad.status, `${r.method} ${r.path} with a wrong token`).toBe(401);
      expect((await bad.json()).error).toEqual({
        code: 'unauthorized',
        message: 'The admin token is wrong.',
      });

      const good = await t.call(r.method, r.path, body, right);
      expect(good.status, `${r.method} ${r.path} with the right token`).toBe(r.ok);
    }
  });

  it('answer 503 admin_disabled saying how to turn them on when CONFAB_ADMIN_TOKEN is unset', async () => {
    t = await createTestApp({ config: { adminToken: undefined } });
    for (const r of adminRequests(1)) {
      const res = await t.call(r.method, r.path, 'body' in r ? r.body : undefined, right);
      expect(res.status, `${r.method} ${r.path}`).toBe(503);
      expect((await res.json()).error).toEqual({
        code: 'admin_disabled',
        message: expect.stringContaining('Set CONFAB_ADMIN_TOKEN'),
      });
    }
  });

  it('refuse an admin token sent another way than as a Bearer credential', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    const res = await t.call('GET', '/api/admin/stats', undefined, {
      Authorization: `Basic ${TOKEN}`,
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});

describe('repeated wrong admin tokens', () => {
  it('make a client sending wrong tokens wait with 429 rate_limited and a doubling Retry-After', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    for (let i = 0; i < 5; i++)
      expect((await t.call('GET', '/api/admin/stats', undefined, wrong)).status).toBe(401);
    // The sixth wrong token is still answered, and starts the wait.
    expect((await t.call('GET', '/api/admin/stats', undefined, wrong)).status).toBe(401);

    const blocked = await t.call('GET', '/api/admin/stats', undefined, wrong);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('Retry-After')).toBe('1');
    expect((await blocked.json()).error).toEqual({
      code: 'rate_limited',
      message: expect.stringContaining('wrong admin tokens'),
    });

    t.clock.advance(1_000);
    expect((await t.call('GET', '/api/admin/stats', undefined, wrong)).status).toBe(401);
    const longer = await t.call('GET', '/api/admin/stats', undefined, wrong);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('Retry-After')).toBe('2');
  });

  it('never lock out the right token, even from the address that sent them', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    for (let i = 0; i < 7; i++) await t.call('GET', '/api/admin/stats', undefined, wrong);
    expect((await t.call('GET', '/api/admin/stats', undefined, wrong)).status).toBe(429);
    expect((await t.call('GET', '/api/admin/stats', undefined, right)).status).toBe(200);
  });

  it('are not forgiven by the right token, so its use cannot reset a guesser sharing the address', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    for (let i = 0; i < 6; i++) await t.call('GET', '/api/admin/stats', undefined, wrong);
    expect((await t.call('GET', '/api/admin/stats', undefined, right)).status).toBe(200);
    expect((await t.call('GET', '/api/admin/stats', undefined, wrong)).status).toBe(429);
  });

  it('are counted per client address', async () => {
    t = await createTestApp({ config: { adminToken: TOKEN } });
    // The Node server hands the socket to the app like this; app.request() takes it as the env.
    const from = (address: string, headers: Record<string, string>) =>
      t.app.request(
        '/api/admin/stats',
        { headers },
        { incoming: { socket: { remoteAddress: address } } },
      );
    for (let i = 0; i < 6; i++) expect((await from('203.0.113.7', wrong)).status).toBe(401);
    expect((await from('203.0.113.7', wrong)).status).toBe(429);
    expect((await from('198.51.100.2', wrong)).status).toBe(401);
  });
});
