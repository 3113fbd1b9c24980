import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { configFrom } from '../../server/config.js';
import { createMemoryBus } from '../../server/events/bus.js';
import type { Store } from '../../server/store/store.js';
import { openTestSqliteStore } from '../support/sqlite-template.js';

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
const code = 'export const hello = "confab";\n';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'confab-embed-'));
  writeFileSync(join(dir, 'embed.js'), code);
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(join(dir, 'chunks', 'live-Ab12_x.js'), 'export const live = 1;\n');
  writeFileSync(join(dir, 'article.css'), 'body{}');
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Demo</title><confab-comments></confab-comments>',
  );
  store = await openTestSqliteStore(join(dir, 'confab.db'));
  app = createApp({
    store,
    events: createMemoryBus(),
    config: configFrom({ log: false }),
    secret: 'x'.repeat(32),
    paths: { bundle: join(dir, 'embed.js'), demoDir: dir },
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /embed.js', () => {
  it('serves the bundle as a cacheable, cross-origin JavaScript module', async () => {
    const res = await app.request('/embed.js', {
      headers: { Origin: 'https://publisher.example' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(code);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toContain('max-age=');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('ETag')).toBeTruthy();
  });

  it('answers 304 to a request carrying the current ETag', async () => {
    const first = await app.request('/embed.js');
    const again = await app.request('/embed.js', {
      headers: { 'If-None-Match': first.headers.get('ETag')! },
    });
    expect(again.status).toBe(304);
  });

  it('sends the bundle compressed when the browser accepts it, under one ETag for every encoding', async () => {
    const plain = await app.request('/embed.js');
    const br = await app.request('/embed.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' },
    });
    const gz = await app.request('/embed.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(code);
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(code);
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(br.headers.get('Vary')).toContain('Accept-Encoding');
    expect(new Set([plain, br, gz].map((r) => r.headers.get('ETag'))).size).toBe(1);
    const revalidated = await app.request('/embed.js', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.get('ETag')! },
    });
    expect(revalidated.status).toBe(304);
  });

  it('answers 503 in the error shape when the widget has not been built', async () => {
    const bare = createApp({
      store,
      events: createMemoryBus(),
      config: configFrom({ log: false }),
      secret: 'x'.repeat(32),
      paths: { bundle: join(dir, 'missing.js') },
    });
    const res = await bare.request('/embed.js');
    expect(res.status).toBe(503);
    expect((await res.json()).error).toEqual({
      code: 'service_unavailable',
      message: expect.stringContaining('npm run build'),
    });
  });
});

describe('GET /chunks/:file', () => {
  it('serves a lazily loaded chunk for a year, cross-origin', async () => {
    const res = await app.request('/chunks/live-Ab12_x.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('export const live = 1;\n');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('answers 404 in the error shape for unknown or unsafe chunk names', async () => {
    for (const path of ['/chunks/missing.js', '/chunks/..%2F..%2Fpackage.json', '/chunks/x.txt']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });
});

describe('GET /', () => {
  it('serves the demo article', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(await res.text()).toContain('<confab-comments>');
  });

  it('serves the demo stylesheet and nothing else from the demo folder', async () => {
    const css = await app.request('/demo/article.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    for (const path of ['/demo/confab.db', '/demo/..%2Fpackage.json', '/demo/missing.css']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });
});
