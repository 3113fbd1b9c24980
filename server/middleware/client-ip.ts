import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';

/** An IPv4 client reaching a dual-stack socket shows up as `::ffff:1.2.3.4`: one client, one address. */
const unmapped = (ip: string) => ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** Whether an address is one of the configured proxies: single addresses or CIDR ranges, IPv4 or IPv6. */
export function createProxyMatcher(entries: readonly string[]): (ip: string) => boolean {
  // BlockList.check builds a SocketAddress per call: with no proxies configured, every request would pay for
  // a question whose answer is known.
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return (ip) => {
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/**
 * The socket's address, unless it is a trusted proxy: then the right-most X-Forwarded-For entry that is
 * not itself a trusted proxy. Anything else in that header is the client's own word and can be forged.
 */
export function clientIpFrom(
  socketIp: string | null,
  forwardedFor: string | undefined,
  isTrusted: (ip: string) => boolean,
): string | null {
  if (!socketIp || !isTrusted(socketIp) || !forwardedFor) return socketIp;
  const hops = forwardedFor
    .split(',')
    .map((s) => unmapped(s.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? socketIp;
}

export function createClientIp(trustedProxies: readonly string[]): MiddlewareHandler<AppEnv> {
  const isTrusted = createProxyMatcher(trustedProxies);
  return async function clientIp(c, next) {
    let socketIp: string | null = null;
    try {
      socketIp = getConnInfo(c).remote.address ?? null;
    } catch {
      // app.request() in tests has no socket.
    }
    c.set(
      'clientIp',
      clientIpFrom(
        socketIp ? unmapped(socketIp) : null,
        c.req.header('X-Forwarded-For'),
        isTrusted,
      ),
    );
    await next();
  };
}
