import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenLocal } from '../support/listen.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

let t: TestApp;
let server: Awaited<ReturnType<typeof listenLocal>>;
beforeAll(async () => {
  t = await createTestApp();
  server = await listenLocal(t.app.fetch);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

/** Reads HTTP/1.1 answers off a raw socket; each ends where its Content-Length says. */
function answers(text: string) {
  const out: { status: number; headers: string; body: string }[] = [];
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return out;
    const head = rest.slice(0, end);
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
    const body = rest.slice(end + 4, end + 4 + length);
    if (Buffer.byteLength(body) < length) return out;
    out.push({ status: Number(head.split(' ')[1]), headers: head, body });
    rest = rest.slice(end + 4 + length);
  }
}

describe('a body over the size limit, on a real socket', () => {
  it('gets a readable 413 while the client is still sending, and the connection stays usable', async () => {
    const body = JSON.stringify(
      newComment({ author: { name: 'n'.repeat(100_000), email: 'a@b.example' } }),
    );
    const { port } = new URL(server.url);
    const received = await new Promise<{ text: string; error: Error | null }>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      let error: Error | null = null;
      socket.setEncoding('utf8');
      socket.on('connect', () => {
        // Only part of the body goes first: the server answers from the declared length, before the rest.
        socket.write(
          `POST /api/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 1000)}`,
        );
      });
      socket.once('data', () => {
        socket.write(body.slice(1000));
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
      socket.on('data', (d) => (text += d));
      socket.on('error', (e) => (error = e));
      socket.on('close', () => resolve({ text, error }));
    });
    expect(received.error).toBeNull();
    const [refused, next] = answers(received.text);
    expect(refused?.status).toBe(413);
    expect(JSON.parse(refused!.body).error.code).toBe('payload_too_large');
    expect(next?.status).toBe(200);
  });
});

describe('Content-Encoding on a request body', () => {
  it.each(['gzip', 'br', 'deflate', 'identity, gzip'])(
    'refuses %s with 415 unsupported_media_type on every write route',
    async (coding) => {
      const headers = { 'Content-Encoding': coding };
      for (const [method, path, body] of [
        ['POST', '/api/comments', newComment()],
        ['POST', '/api/preview', { body: 'x' }],
        ['PATCH', '/api/comments/1', { body: 'x' }],
      ] as const) {
        const res = await t.call(method, path, body, headers);
        expect(res.status).toBe(415);
        const error = (await res.json()).error;
        expect(error.code).toBe('unsupported_media_type');
        expect(error.message).toContain('Content-Encoding');
      }
    },
  );

  it('accepts a body declared identity', async () => {
    const res = await t.call('POST', '/api/comments', newComment(), {
      'Content-Encoding': 'identity',
    });
    expect(res.status).toBe(201);
  });
});
