import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THREAD_KEY_MAX_BYTES } from '../../server/domain/thread-key.js';
import {
  createTestDatabase,
  type PgInstance,
  startPgInstance,
  type TestDatabase,
} from '../support/pg.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

/** 2,048 characters that normalise to a key about nine times as long (each CJK character is %XX%XX%XX). */
const CJK_URL = `https://news.example/${'記'.repeat(2048 - 'https://news.example/'.length)}`;
/** Short enough for a query string, yet its key is past the limit. */
const LONG_KEY_URL = `https://news.example/${'記'.repeat(400)}`;
/** A CJK address whose key just fits: stored and read back on both engines. */
const FITTING_URL = `https://news.example/${'記'.repeat(Math.floor((THREAD_KEY_MAX_BYTES - 21) / 9))}`;

type Call = (method: string, path: string, body?: unknown) => Promise<Response>;

function suite(name: string, open: () => Promise<{ call: Call; close(): Promise<void> }>) {
  describe(`thread keys on ${name}`, () => {
    let call: Call;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ call, close } = await open());
    });
    afterAll(() => close());

    const q = (url: string) => encodeURIComponent(url);

    it('answers 400 url_too_long, never a 5xx, when the normalised key passes 2,048 bytes', async () => {
      const responses = [
        await call('POST', '/api/comments', newComment({ url: CJK_URL })),
        await call('POST', '/api/comments', newComment({ url: LONG_KEY_URL })),
        await call('GET', `/api/threads?url=${q(LONG_KEY_URL)}`),
        await call('GET', `/api/counts?url=${q(LONG_KEY_URL)}`),
        await call('GET', `/api/events?url=${q(LONG_KEY_URL)}`),
      ];
      for (const res of responses) {
        expect(res.status).toBe(400);
        const body = await res.json();
        expect(body.error.code).toBe('url_too_long');
        expect(body.error.fields).toHaveProperty('url');
      }
    });

    it('stores and reads back a thread whose key just fits', async () => {
      const posted = await call('POST', '/api/comments', newComment({ url: FITTING_URL }));
      expect(posted.status).toBe(201);
      const page = await call('GET', `/api/threads?url=${q(FITTING_URL)}`);
      expect(page.status).toBe(200);
      expect((await page.json()).comments).toHaveLength(1);
    });
  });
}

suite('SQLite', async () => {
  const t: TestApp = await createTestApp();
  return { call: t.call, close: () => t.close() };
});

suite('PostgreSQL', async () => {
  const db: TestDatabase = await createTestDatabase();
  const pg: PgInstance = await startPgInstance(db.url);
  const call: Call = (method, path, body) =>
    fetch(`${pg.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    call,
    async close() {
      await pg.close();
      await db.drop();
    },
  };
});
