import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** Serves an app on 127.0.0.1 (a free port unless given); `close` also drops open keep-alive and SSE sockets. */
export async function listenLocal(fetch: (req: Request) => Response | Promise<Response>, port = 0) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
