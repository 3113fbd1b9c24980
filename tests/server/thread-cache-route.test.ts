import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadResponse } from '../../server/schema/index.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

const PAGE = 'https://news.example/articles/cached';
const threadPath = (url = PAGE) => `/api/threads?${new URLSearchParams({ url })}`;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { editWindowSeconds: 900 } });
});
afterEach(async () => {
  await t.close();
});

async function post(body = 'First!') {
  const res = await t.call('POST', '/api/comments', newComment({ url: PAGE, body }));
  expect(res.status).toBe(201);
  t.clock.advance(1000);
  return (await res.json()) as { comment: { id: number }; editToken: string };
}

async function read(headers: Record<string, string> = {}) {
  const res = await t.call('GET', threadPath(), undefined, headers);
  return { res, body: res.status === 200 ? ((await res.json()) as ThreadResponse) : null };
}

/** A comment written behind the app's back: only a re-read of the store would show it. */
async function writeBehindTheAppsBack(body: string, store = t.store) {
  await store.insertComment({
    url: PAGE,
    title: null,
    parentId: null,
    depth: 0,
    rootId: null,
    authorName: 'Elsewhere',
    authorEmail: 'elsewhere@example.com',
    authorWebsite: null,
    avatar: 'abcdef',
    body,
    html: `<p>${body}</p>\n`,
    status: 'approved',
    createdAt: t.clock.now(),
    editTokenHash: null,
    ipHash: null,
  });
  t.clock.advance(1000);
}

describe('GET /api/threads through the thread cache', () => {
  it('answers repeated reads from the cache until the thread changes', async () => {
    await post('one');
    expect((await read()).body!.comments).toHaveLength(1);
    await writeBehindTheAppsBack('unseen');
    // Served from the cache: the store was not asked again.
    expect((await read()).body!.comments).toHaveLength(1);
    await post('three');
    const after = (await read()).body!;
    expect(after.comments.map((c) => c.html)).toEqual([
      '<p>one</p>\n',
      '<p>unseen</p>\n',
      '<p>three</p>\n',
    ]);
    expect(after.thread.count).toBe(3);
  });

  it('shows at the next read what another process wrote to the SQLite file, e.g. a CLI import', async () => {
    await post('one');
    expect((await read()).body!.comments).toHaveLength(1);
    // SQLite tells a connection about commits made through others; a second one is what another process is.
    const elsewhere = await openSqliteStore(t.dbPath);
    try {
      await writeBehindTheAppsBack('imported', elsewhere);
    } finally {
      await elsewhere.close();
    }
    const after = (await read()).body!;
    expect(after.comments.map((c) => c.html)).toEqual(['<p>one</p>\n', '<p>imported</p>\n']);
    expect(after.thread.count).toBe(2);
  });

  it('shows an edit and a delete at the next read', async () => {
    const { comment, editToken } = await post('before');
    await read();
    const auth = { Authorization: `Bearer ${editToken}` };
    expect(
      (await t.call('PATCH', `/api/comments/${comment.id}`, { body: 'after' }, auth)).status,
    ).toBe(200);
    expect((await read()).body!.comments[0]!.html).toBe('<p>after</p>\n');
    expect((await t.call('DELETE', `/api/comments/${comment.id}`, undefined, auth)).status).toBe(
      204,
    );
    expect((await read()).body!.comments).toHaveLength(0);
  });

  it('shows a comment posted to a thread that was read while empty', async () => {
    expect((await read()).body!.comments).toHaveLength(0);
    await post('the first');
    expect((await read()).body!.comments).toHaveLength(1);
  });

  it('answers 304 without a body while the ETag is current, and 200 with a new one after a change', async () => {
    await post('one');
    const first = await read();
    const etag = first.res.headers.get('ETag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.res.headers.get('Cache-Control')).toBe('no-cache');

    const again = await t.call('GET', threadPath(), undefined, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(etag);

    await post('two');
    const changed = await t.call('GET', threadPath(), undefined, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
    expect(((await changed.json()) as ThreadResponse).comments).toHaveLength(2);
  });

  it('gives equal pages equal ETags, however the address was written', async () => {
    await post('one');
    const plain = await t.call('GET', threadPath());
    const tracked = await t.call('GET', threadPath(`${PAGE}?utm_source=x#comments`));
    expect(tracked.headers.get('ETag')).toBe(plain.headers.get('ETag'));
  });

  it('compresses with brotli or gzip when the client accepts it', async () => {
    for (let i = 0; i < 8; i++)
      await post(
        `comment number ${i}, long enough to be worth compressing: ${'words '.repeat(20)}`,
      );
    const plain = Buffer.from(await (await t.call('GET', threadPath())).arrayBuffer());
    const br = await t.call('GET', threadPath(), undefined, {
      'Accept-Encoding': 'gzip, deflate, br',
    });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Vary')).toMatch(/Accept-Encoding/);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.byteLength).toBeLessThan(plain.byteLength);
    expect(brotliDecompressSync(brBytes).equals(plain)).toBe(true);
    const gz = await t.call('GET', threadPath(), undefined, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(plain)).toBe(true);
  });

  it('still answers 400 with the error shape for a bad cursor', async () => {
    const res = await t.call('GET', `${threadPath()}&cursor=nonsense`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_request', fields: { cursor: 'is not a valid cursor' } },
    });
  });
});
