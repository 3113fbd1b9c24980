import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { createIpKeys } from '../../server/domain/ip-keys.js';
import { clientIpFrom, createProxyMatcher } from '../../server/middleware/client-ip.js';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

describe('createProxyMatcher', () => {
  const isProxy = createProxyMatcher(['10.0.0.0/8', '192.0.2.10', 'fd00::/8', '2001:db8::1']);

  it.each([
    '10.0.0.1',
    '10.255.255.255',
    '192.0.2.10',
    'fd00::1',
    'fdff:1:2::3',
    '2001:db8::1',
    '2001:0db8:0:0:0:0:0:1',
  ])('trusts %s', (ip) => {
    expect(isProxy(ip)).toBe(true);
  });

  it.each([
    '11.0.0.1',
    '192.0.2.11',
    '9.255.255.255',
    'fe00::1',
    '2001:db8::2',
    'not-an-ip',
    '',
    '10.0.0.1:8080',
    '[fd00::1]',
  ])('does not trust %j', (ip) => {
    expect(isProxy(ip)).toBe(false);
  });

  it('trusts nobody when the list is empty', () => {
    expect(createProxyMatcher([])('127.0.0.1')).toBe(false);
  });
});

describe('clientIpFrom', () => {
  const isProxy = createProxyMatcher(['10.0.0.0/8', '192.0.2.10']);

  it('takes the socket address of a client that is not a proxy and ignores its X-Forwarded-For', () => {
    expect(clientIpFrom('203.0.113.5', '1.2.3.4', isProxy)).toBe('203.0.113.5');
  });

  it('takes the right-most address a trusted proxy saw', () => {
    expect(clientIpFrom('10.0.0.2', '203.0.113.5', isProxy)).toBe('203.0.113.5');
  });

  it('skips every trusted hop from the right and ignores what the client claimed before them', () => {
    expect(clientIpFrom('10.0.0.2', '6.6.6.6, 203.0.113.5, 192.0.2.10, 10.1.1.1', isProxy)).toBe(
      '203.0.113.5',
    );
  });

  it('takes the left-most hop when every hop is a trusted proxy', () => {
    expect(clientIpFrom('10.0.0.2', '10.0.0.9, 10.0.0.8', isProxy)).toBe('10.0.0.9');
  });

  it('takes the proxy itself when it sent no X-Forwarded-For or an empty one', () => {
    expect(clientIpFrom('10.0.0.2', undefined, isProxy)).toBe('10.0.0.2');
    expect(clientIpFrom('10.0.0.2', ' , ', isProxy)).toBe('10.0.0.2');
  });

  it('reads an IPv4-mapped IPv6 hop as the IPv4 address', () => {
    expect(clientIpFrom('10.0.0.2', '::ffff:203.0.113.5, ::ffff:10.0.0.3', isProxy)).toBe(
      '203.0.113.5',
    );
  });

  it('knows nothing without a socket', () => {
    expect(clientIpFrom(null, '1.2.3.4', isProxy)).toBeNull();
  });
});

describe('CONFAB_TRUSTED_PROXIES', () => {
  it('accepts addresses and CIDR ranges of both families', () => {
    const parsed = parseConfig({ CONFAB_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1 , fd00::/8' });
    expect(parsed.ok && parsed.config.trustedProxies).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each([
    'localhost',
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/8/1',
    '10.0.0/8',
    '10.0.0.0/x',
    '*',
  ])('refuses %j', (entry) => {
    const parsed = parseConfig({ CONFAB_TRUSTED_PROXIES: entry });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      'CONFAB_TRUSTED_PROXIES: each entry must be an IP address or a CIDR range such as 10.0.0.0/8',
    ]);
  });
});

describe('the client address the app records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { trustedProxies: ['10.0.0.0/8', '::1'] } });
  });
  afterAll(() => t.close());

  async function recordedIpHash(socketIp: string, xff?: string) {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (xff !== undefined) headers['X-Forwarded-For'] = xff;
    const res = await t.app.request(
      '/api/comments',
      { method: 'POST', headers, body: JSON.stringify(newComment()) },
      { incoming: { socket: { remoteAddress: socketIp } } },
    );
    expect(res.status).toBe(201);
    const { comment } = await res.json();
    return (await t.store.getComment({ id: comment.id }))?.ipHash;
  }
  // Keyed like the app's: the day key kept in the same database.
  const hashOf = (ip: string) => createIpKeys({ store: t.store, now: t.clock.now }).hash('ip', ip);

  it('is the socket address for a direct client, whatever X-Forwarded-For claims', async () => {
    expect(await recordedIpHash('203.0.113.5', '1.1.1.1')).toBe(await hashOf('203.0.113.5'));
  });

  it('is the forwarded address behind a proxy in a trusted range', async () => {
    expect(await recordedIpHash('10.20.30.40', '1.1.1.1, 203.0.113.6')).toBe(
      await hashOf('203.0.113.6'),
    );
  });

  it('is the IPv4 address of a client reaching a dual-stack socket', async () => {
    expect(await recordedIpHash('::ffff:203.0.113.7')).toBe(await hashOf('203.0.113.7'));
  });

  it('is the forwarded address behind a trusted IPv6 proxy', async () => {
    expect(await recordedIpHash('::1', '2001:db8::77')).toBe(await hashOf('2001:db8::77'));
  });

  it('is unknown without a socket, as under app.request()', async () => {
    const res = await t.call('POST', '/api/comments', newComment());
    const { comment } = await res.json();
    expect((await t.store.getComment({ id: comment.id }))?.ipHash).toBeNull();
  });
});
