import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  res: ServerResponse;
}

/** A real HTTP receiver on 127.0.0.1: each request waits in `next()` until the test answers it. */
export async function startReceiver() {
  const queue: Delivery[] = [];
  const waiting: ((d: Delivery) => void)[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const d = { headers: req.headers, body, res };
      const w = waiting.shift();
      if (w) w(d);
      else queue.push(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/confab`,
    next: () =>
      new Promise<Delivery>((resolve) =>
        queue.length ? resolve(queue.shift()!) : waiting.push(resolve),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** What a receiver does with the secret: recompute the signature over timestamp and raw body. */
export function verify(d: Delivery, secret: string): boolean {
  const timestamp = String(d.headers['x-confab-timestamp']);
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${d.body}`).digest('hex')}`,
  );
  const given = Buffer.from(String(d.headers['x-confab-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const answer = (d: Delivery, status: number) => d.res.writeHead(status).end();
