import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { createWebhooks } from '../../server/domain/webhooks.js';
import type { CommentRecord } from '../../server/store/store.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';
import { answer, type Receiver, startReceiver, verify } from '../support/webhook-receiver.js';

const SECRET = 'whsec-0123456789abcdef';
const TOKEN = 'admin-token-0123456789abcdef';
const T0 = Date.UTC(2016, 4, 31, 6, 24);

const record: CommentRecord = {
  id: 7,
  threadId: 1,
  parentId: null,
  rootId: 7,
  depth: 0,
  authorName: 'Bonnie B',
  authorEmail: 'bonnie@example.com',
  authorWebsite: null,
  avatar: 'a1b2c3',
  body: 'Hello',
  html: '<p>Hello</p>\n',
  status: 'pending',
  createdAt: T0,
  editedAt: null,
  editTokenHash: 'secret-hash',
  ipHash: 'ip-hash',
  likes: 0,
};
const thread = { url: 'https://news.example/a', title: 'A' };

let receivers: Receiver[] = [];
let t: TestApp | undefined;
/** A receiver closed after the test. */
async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}
afterEach(async () => {
  await t?.close();
  t = undefined;
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

describe('webhook delivery', () => {
  it('POSTs the event as JSON with a signature over the timestamp and raw body', async () => {
    const rx = await receiver();
    const hooks = createWebhooks({ url: rx.url, secret: SECRET, now: () => T0 });
    hooks.notify({ type: 'comment.created', comment: record, thread });
    const d = await rx.next();
    answer(d, 204);
    await hooks.idle();

    expect(d.headers['content-type']).toBe('application/json');
    expect(d.headers['x-confab-event']).toBe('comment.created');
    expect(d.headers['x-confab-timestamp']).toBe(String(T0 / 1000));
    expect(d.headers['x-confab-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(verify(d, SECRET)).toBe(true);
    expect(verify(d, 'another-secret-000000')).toBe(false);
    expect(JSON.parse(d.body)).toEqual({
      type: 'comment.created',
      comment: {
        id: 7,
        parentId: null,
        thread,
        author: { name: 'Bonnie B', email: 'bonnie@example.com', website: null, avatar: 'a1b2c3' },
        body: 'Hello',
        html: '<p>Hello</p>\n',
        status: 'pending',
        createdAt: '2016-05-31T06:24:00.000Z',
        editedAt: null,
        featured: false,
        staff: false,
        likes: 0,
      },
      thread,
      at: '2016-05-31T06:24:00.000Z',
    });
    expect(d.body).not.toMatch(/ip-hash|secret-hash/);
  });

  it('retries with doubling delays after the receiver answers 500, signing each try afresh', async () => {
    const rx = await receiver();
    const delays: number[] = [];
    let now = T0;
    const hooks = createWebhooks({
      url: rx.url,
      secret: SECRET,
      now: () => now,
      schedule: (fn, ms) => {
        delays.push(ms);
        now += ms;
        setImmediate(fn);
      },
    });
    hooks.notify({
      type: 'comment.status_changed',
      comment: { ...record, status: 'approved' },
      thread,
      previousStatus: 'pending',
    });
    const first = await rx.next();
    answer(first, 500);
    const second = await rx.next();
    answer(second, 503);
    const third = await rx.next();
    answer(third, 200);
    await hooks.idle();

    expect(delays).toEqual([1_000, 2_000]);
    expect([first, second, third].every((d) => verify(d, SECRET))).toBe(true);
    expect(third.headers['x-confab-timestamp']).toBe(String((T0 + 3_000) / 1000));
    expect(new Set([first, second, third].map((d) => d.headers['x-confab-delivery'])).size).toBe(1);
    expect(JSON.parse(third.body)).toMatchObject({
      type: 'comment.status_changed',
      previousStatus: 'pending',
      comment: { status: 'approved' },
    });
  });

  it('gives up after the last try and logs it', async () => {
    const rx = await receiver();
    const logged: Record<string, unknown>[] = [];
    const delays: number[] = [];
    const hooks = createWebhooks({
      url: rx.url,
      secret: SECRET,
      now: () => T0,
      attempts: 3,
      log: (line) => logged.push(line),
      schedule: (fn, ms) => {
        delays.push(ms);
        setImmediate(fn);
      },
    });
    hooks.notify({ type: 'comment.created', comment: record, thread });
    for (let i = 0; i < 3; i++) answer(await rx.next(), 500);
    await hooks.idle();
    expect(delays).toEqual([1_000, 2_000]);
    expect(logged).toEqual([
      expect.objectContaining({
        msg: 'webhook delivery gave up',
        attempts: 3,
        outcome: 'HTTP 500',
      }),
    ]);
  });

  it('retries when the receiver cannot be reached', async () => {
    const gone = await startReceiver();
    const url = gone.url;
    await gone.close();
    const logged: Record<string, unknown>[] = [];
    const hooks = createWebhooks({
      url,
      secret: SECRET,
      now: () => T0,
      attempts: 2,
      log: (l) => logged.push(l),
      schedule: (fn) => setImmediate(fn),
    });
    hooks.notify({ type: 'comment.created', comment: record, thread });
    await hooks.idle();
    expect(logged).toEqual([
      expect.objectContaining({ msg: 'webhook delivery gave up', attempts: 2 }),
    ]);
  });
});

describe('webhooks from the app', () => {
  it('fire on a new comment without making the reader wait for the receiver', async () => {
    const rx = await receiver();
    t = await createTestApp({
      config: { webhookUrl: rx.url, webhookSecret: SECRET, moderation: 'all' },
    });
    // The receiver holds the delivery unanswered while the reader's request completes.
    const res = await t.call(
      'POST',
      '/api/comments',
      newComment({ url: 'https://news.example/hooked', title: 'Hooked' }),
    );
    expect(res.status).toBe(201);
    const d = await rx.next();
    expect(verify(d, SECRET)).toBe(true);
    const event = JSON.parse(d.body);
    expect(event).toMatchObject({
      type: 'comment.created',
      thread: { url: 'https://news.example/hooked', title: 'Hooked' },
      comment: { status: 'pending', author: { email: 'bonnie@example.com' } },
    });
    answer(d, 200);
  });

  it('fire on each status change the admin makes, with the status before', async () => {
    const rx = await receiver();
    t = await createTestApp({
      config: { webhookUrl: rx.url, webhookSecret: SECRET, adminToken: TOKEN, moderation: 'all' },
    });
    const posted = await (await t.call('POST', '/api/comments', newComment())).json();
    answer(await rx.next(), 200);
    await t.call(
      'PATCH',
      `/api/admin/comments/${posted.comment.id}`,
      { status: 'approved' },
      { Authorization: `Bearer ${TOKEN}` },
    );
    const d = await rx.next();
    answer(d, 200);
    expect(JSON.parse(d.body)).toMatchObject({
      type: 'comment.status_changed',
      previousStatus: 'pending',
      comment: { id: posted.comment.id, status: 'approved' },
    });
  });
});

describe('webhook configuration', () => {
  it('refuses a webhook URL without a secret to sign with', () => {
    const res = parseConfig({ CONFAB_WEBHOOK_URL: 'https://hooks.example/confab' });
    expect(res).toEqual({ ok: false, errors: [expect.stringContaining('CONFAB_WEBHOOK_SECRET')] });
  });
});
