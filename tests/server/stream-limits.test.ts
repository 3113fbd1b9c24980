import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultMaxStreams } from '../../server/events/stream-limits.js';
import { listenLocal } from '../support/listen.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const open: Response[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.body?.cancel().catch(() => {})));
  await t.close();
});

function stream(url: string, ip: string) {
  return Promise.resolve(
    t.app.request(
      `/api/events?url=${encodeURIComponent(url)}`,
      {},
      { incoming: { socket: { remoteAddress: ip } } },
    ),
  ).then((res) => {
    if (res.status === 200) open.push(res);
    return res;
  });
}

describe('live-update streams', () => {
  it('allows 6 streams per client and answers the 7th with 429 rate_limited and Retry-After', async () => {
    t = await createTestApp({ config: { maxStreamsPerClient: 6, maxStreams: 100 } });
    for (let i = 0; i < 6; i++)
      expect((await stream(`https://news.example/${i}`, '203.0.113.5')).status).toBe(200);
    const refused = await stream('https://news.example/7', '203.0.113.5');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe('rate_limited');
    expect((await stream('https://news.example/7', '203.0.113.6')).status).toBe(200);
  });

  it('gives a client its slot back when one of its streams closes', async () => {
    t = await createTestApp({ config: { maxStreamsPerClient: 1, maxStreams: 100 } });
    const first = await stream('https://news.example/a', '203.0.113.5');
    expect((await stream('https://news.example/b', '203.0.113.5')).status).toBe(429);
    await first.body!.cancel();
    await vi.waitFor(async () => {
      const again = await stream('https://news.example/b', '203.0.113.5');
      expect(again.status).toBe(200);
    });
  });

  it('gives the slot back when a real connection drops', async () => {
    t = await createTestApp({ config: { maxStreamsPerClient: 1, maxStreams: 100 } });
    const server = await listenLocal(t.app.fetch);
    try {
      const events = `${server.url}/api/events?url=${encodeURIComponent('https://news.example/n')}`;
      const reader = new AbortController();
      const first = await fetch(events, { signal: reader.signal });
      expect(first.status).toBe(200);
      const second = await fetch(events);
      expect(second.status).toBe(429);
      await second.body?.cancel();
      reader.abort();
      await vi.waitFor(async () => {
        const again = await fetch(events);
        await again.body?.cancel();
        expect(again.status).toBe(200);
      });
    } finally {
      await server.close();
    }
  });

  it('answers 503 service_unavailable with Retry-After past CONFAB_MAX_STREAMS for the server', async () => {
    t = await createTestApp({ config: { maxStreamsPerClient: 6, maxStreams: 3 } });
    for (let i = 0; i < 3; i++)
      expect((await stream('https://news.example/x', `203.0.113.${i}`)).status).toBe(200);
    const refused = await stream('https://news.example/x', '203.0.113.9');
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe('service_unavailable');
    expect((await t.call('GET', '/healthz')).status).toBe(200);
  });

  it('frees the thread channel as soon as its last stream closes', async () => {
    t = await createTestApp({ config: { maxStreamsPerClient: 6, maxStreams: 100 } });
    let listeners = 0;
    const subscribe = t.events.subscribe.bind(t.events);
    t.events.subscribe = (url, fn) => {
      listeners += 1;
      const stop = subscribe(url, fn);
      return () => {
        listeners -= 1;
        stop();
      };
    };
    const res = await stream('https://news.example/gone', '203.0.113.5');
    expect(listeners).toBe(1);
    await res.body!.cancel();
    await vi.waitFor(() => expect(listeners).toBe(0), { timeout: 2000, interval: 10 });
  });
});

describe('CONFAB_MAX_STREAMS default', () => {
  it('is half the open-file limit, leaving the rest for requests and the database', () => {
    expect(defaultMaxStreams(1024)).toBe(512);
    expect(defaultMaxStreams(20_000)).toBe(10_000);
    expect(defaultMaxStreams(null)).toBe(512);
  });
});
