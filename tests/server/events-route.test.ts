import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.js';
import { configFrom } from '../../server/config.js';
import { createMemoryBus } from '../../server/events/bus.js';
import type { Store } from '../../server/store/store.js';
import { openTestSqliteStore } from '../support/sqlite-template.js';
import { sseReader } from '../support/sse.js';
import { newComment } from '../support/test-app.js';

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
let bus: ReturnType<typeof createMemoryBus>;
const open: { cancel(): Promise<void> }[] = [];

function build(lingerMs: number) {
  bus = createMemoryBus();
  app = createApp({
    store,
    events: bus,
    config: configFrom({ log: false, pow: false, rateLimit: [] }),
    secret: 's'.repeat(32),
    live: { heartbeatMs: 50, lingerMs },
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'confab-sse-'));
  store = await openTestSqliteStore(join(dir, 'c.db'));
  build(10_000);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.cancel().catch(() => {})));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function subscribe(url: string, lastEventId?: string) {
  const res = await app.request(`/api/events?url=${encodeURIComponent(url)}`, {
    headers: lastEventId ? { 'Last-Event-ID': lastEventId } : {},
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('text/event-stream');
  const r = sseReader(res);
  open.push(r);
  return r;
}

const post = (body: unknown) =>
  app.request('/api/comments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('GET /api/events', () => {
  it('delivers new, edited and deleted comments to every open page of the thread', async () => {
    const input = newComment();
    const pageA = await subscribe(input.url);
    const pageB = await subscribe(input.url);
    const posted = await (await post(input)).json();
    for (const page of [pageA, pageB]) {
      const e = await page.nextEvent();
      expect(e.event).toBe('comment.created');
      expect(JSON.parse(e.data!)).toEqual(posted.comment);
    }
    const auth = {
      Authorization: `Bearer ${posted.editToken}`,
      'Content-Type': 'application/json',
    };
    await app.request(`/api/comments/${posted.comment.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ body: 'edited' }),
    });
    expect((await pageB.nextEvent()).event).toBe('comment.updated');
    await app.request(`/api/comments/${posted.comment.id}`, { method: 'DELETE', headers: auth });
    const deleted = await pageB.nextEvent();
    expect(deleted.event).toBe('comment.deleted');
    expect(JSON.parse(deleted.data!).id).toBe(posted.comment.id);
  });

  it('sends nothing about other threads', async () => {
    const mine = newComment();
    const page = await subscribe(mine.url);
    await post(newComment());
    await post(mine);
    const e = await page.nextEvent();
    expect(JSON.parse(e.data!).html).toContain('lease land');
    expect(e.event).toBe('comment.created');
  });

  it('resumes after Last-Event-ID with exactly the missed events', async () => {
    const input = newComment();
    const first = await subscribe(input.url);
    await post({ ...input, body: 'one' });
    const seen = await first.nextEvent();
    await first.cancel();
    await post({ ...input, body: 'two' });
    await post({ ...input, body: 'three' });
    const again = await subscribe(input.url, seen.id);
    const bodies = [
      JSON.parse((await again.nextEvent()).data!).html,
      JSON.parse((await again.nextEvent()).data!).html,
    ];
    expect(bodies).toEqual(['<p>two</p>\n', '<p>three</p>\n']);
  });

  it('asks the reader to reload when the missed events are unknown', async () => {
    const page = await subscribe(newComment().url, 'ffffffff-1.7');
    expect((await page.nextEvent()).event).toBe('resync');
  });

  it('sends heartbeats while nothing happens', async () => {
    const page = await subscribe(newComment().url);
    const e = await page.next();
    expect(e.comment).toBe(true);
  });

  it('lets go of the thread once its readers have closed their connections', async () => {
    build(20);
    const url = newComment().url;
    const a = await subscribe(url);
    const b = await subscribe(url);
    await a.next();
    expect(bus.listenerCount()).toBe(1);
    await a.cancel();
    await b.cancel();
    await vi.waitFor(() => expect(bus.listenerCount()).toBe(0), { timeout: 2000, interval: 10 });
  });

  it('returns 400 in the error shape for a missing or bad url', async () => {
    const res = await app.request('/api/events?url=javascript%3Ax');
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('url');
  });
});
