import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  bodyPerValue,
  type CacheableBody,
  cacheableBody,
  sendCacheable,
} from '../../server/http/cacheable-body.js';
import { CHANGING_PAGE, negotiateEncoding, STATIC_FILE } from '../../server/http/encoding.js';
import { etagMatches } from '../../server/http/etag.js';

const text = (s: string) => new TextEncoder().encode(s);
const LONG = text(`{"words":"${'comments worth compressing '.repeat(100)}"}`);

/** An app whose one route answers `body` through the send path, with a CORS header set first. */
function appSending(body: CacheableBody) {
  return new Hono().get('/', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    return sendCacheable(c, body, 'no-cache');
  });
}

describe('sendCacheable', () => {
  it('answers 200 with the bytes, their ETag, Cache-Control and Vary', async () => {
    const body = cacheableBody(LONG, {
      contentType: 'application/json',
      compression: CHANGING_PAGE,
    });
    const res = await appSending(body).request('/');
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(LONG))).toBe(true);
    expect(res.headers.get('ETag')).toBe(body.etag);
    expect(body.etag).toMatch(/^W\/"[\w-]{22}"$/);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(res.headers.get('Content-Encoding')).toBeNull();
  });

  it('answers 304 without a body when If-None-Match names the ETag, keeping the headers of a 200', async () => {
    const body = cacheableBody(LONG, {
      contentType: 'application/json',
      compression: CHANGING_PAGE,
    });
    const res = await appSending(body).request('/', {
      headers: { 'If-None-Match': `"other", ${body.etag}`, 'Accept-Encoding': 'br' },
    });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    expect(res.headers.get('ETag')).toBe(body.etag);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Content-Encoding')).toBeNull();
  });

  it('compresses with brotli, else gzip, as the client accepts, under the one ETag', async () => {
    const body = cacheableBody(LONG, {
      contentType: 'application/json',
      compression: CHANGING_PAGE,
    });
    const app = appSending(body);
    const br = await app.request('/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.byteLength).toBeLessThan(LONG.byteLength);
    expect(brotliDecompressSync(brBytes).equals(Buffer.from(LONG))).toBe(true);
    const gz = await app.request('/', { headers: { 'Accept-Encoding': 'br;q=0, gzip' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(Buffer.from(LONG))).toBe(true);
    expect(new Set([br, gz].map((r) => r.headers.get('ETag')))).toEqual(new Set([body.etag]));
  });

  it('sends a changing body under its minimum size as it is, and a static file whatever its size', async () => {
    const small = text('{"a":1}');
    const accept = { headers: { 'Accept-Encoding': 'br' } };
    const page = cacheableBody(small, {
      contentType: 'application/json',
      compression: CHANGING_PAGE,
    });
    expect(
      (await appSending(page).request('/', accept)).headers.get('Content-Encoding'),
    ).toBeNull();
    const file = cacheableBody(small, { contentType: 'text/javascript', compression: STATIC_FILE });
    expect((await appSending(file).request('/', accept)).headers.get('Content-Encoding')).toBe(
      'br',
    );
  });

  it('compresses a body once per encoding and keeps the copy', () => {
    const body = cacheableBody(LONG, {
      contentType: 'application/json',
      compression: CHANGING_PAGE,
    });
    const br = body.encoded('br');
    expect(br).not.toBeNull();
    expect(body.encoded('br')).toBe(br);
    expect(body.encoded('gzip')).not.toBe(br);
  });
});

describe('bodyPerValue', () => {
  it('makes one body per value, and a new one for a new value', () => {
    let made = 0;
    const json = bodyPerValue((value: { n: number }) => {
      made += 1;
      return cacheableBody(text(JSON.stringify(value)), {
        contentType: 'application/json',
        compression: CHANGING_PAGE,
      });
    });
    const page = { n: 1 };
    expect(json(page)).toBe(json(page));
    expect(json({ n: 1 })).not.toBe(json(page));
    expect(made).toBe(2);
  });
});

describe('conditional and encoded answers', () => {
  it('matches If-None-Match weakly, in lists and with *', () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });

  it('prefers brotli, then gzip, and honours q=0', async () => {
    const app = new Hono().get('/', (c) => c.text(String(negotiateEncoding(c))));
    const pick = async (acceptEncoding?: string) =>
      (
        await app.request(
          '/',
          acceptEncoding === undefined ? {} : { headers: { 'Accept-Encoding': acceptEncoding } },
        )
      ).text();
    expect(await pick('gzip, deflate, br, zstd')).toBe('br');
    expect(await pick('gzip')).toBe('gzip');
    expect(await pick('GZIP')).toBe('gzip');
    expect(await pick('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(await pick('br;q=0.1, gzip')).toBe('br');
    expect(await pick('identity')).toBe('null');
    expect(await pick()).toBe('null');
  });
});
