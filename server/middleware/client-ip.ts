import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';

/**
 * The socket's address, unless it is a trusted proxy: then the right-most X-Forwarded-For entry that is
 * not itself a trusted proxy. Anything else in that header is the client's own word and can be forged.
 */
export function clientIpFrom(socketIp: string | null, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string | null {
  if (!socketIp || !trusted.has(socketIp) || !forwardedFor) return socketIp;
  const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trusted.has(hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? socketIp;
}

export function createClientIp(trustedProxies: readonly string[]): MiddlewareHandler<AppEnv> {
  const trusted = new Set(trustedProxies);
  return async function clientIp(c, next) {
    let socketIp: string | null = null;
    try {
      socketIp = getConnInfo(c).remote.address ?? null;
    } catch {
      // app.request() in tests has no socket.
    }
    c.set('clientIp', clientIpFrom(socketIp?.replace(/^::ffff:/, '') ?? null, c.req.header('X-Forwarded-For'), trusted));
    await next();
  };
}
