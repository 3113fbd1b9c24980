import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { type Config, configFrom } from '../../server/config.js';
import { createMemoryBus } from '../../server/events/bus.js';
import type { LogLine } from '../../server/middleware/request-log.js';
import { LIMITS } from '../../server/schema/limits.js';
import type { Store } from '../../server/store/store.js';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js';
import { openTestSqliteStore } from '../support/sqlite-template.js';
import { createClock, TEST_SECRET, type TestClock } from '../support/test-app.js';

const RUNS = 10_000;
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789';
/** A request that neither answers nor fails within this is a hang. */
const HANG_MS = 5000;

type App = ReturnType<typeof createApp>;

interface Target {
  app: App;
  store: Store;
  clock: TestClock;
  logs: LogLine[];
}

let dir: string;
const targets: Record<'open' | 'defended', Target> = {} as never;

async function target(name: string, config: Partial<Config>): Promise<Target> {
  const store = await openTestSqliteStore(join(dir, `${name}.db`));
  const logs: LogLine[] = [];
  const clock = createClock();
  const app = createApp({
    store,
    events: createMemoryBus(),
    config: configFrom({ log: true, adminToken: ADMIN_TOKEN, ...config }),
    secret: TEST_SECRET,
    now: clock.now,
    log: (l) => logs.push(l),
    paths: { bundle: join(dir, 'embed.js'), demoDir: dir },
  });
  return { app, store, clock, logs };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'confab-fuzz-'));
  writeFileSync(join(dir, 'embed.js'), 'export {};\n');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
  // Every defence off, so generated requests reach the handlers; and every defence at its default.
  targets.open = await target('open', { rateLimit: [], pow: false });
  targets.defended = await target('defended', {});
  // The rendered thread's route loads Lit's server renderer on its first request, which took over 5 s on a
  // busy machine: loaded here, the time each request is given below measures hangs, not that one import.
  const warm = await targets.open.app.request(
    `/api/threads/html?url=${encodeURIComponent('https://news.example/warm-up')}`,
  );
  expect(warm.status).toBe(200);
});

afterAll(async () => {
  for (const t of Object.values(targets)) await t.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every route the app serves, as Hono lists them (middleware patterns left out). */
function routeList(app: App): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e400',
    'NaN',
    'null',
    '%00',
    '%E0%A4%A',
    '..',
    '../..',
    '\u0000',
    '\ud800',
    '💥',
    'a'.repeat(3000),
  ),
  fc.constantFrom(...XSS_PAYLOADS),
);

const idLike = fc.oneof(
  fc.integer().map(String),
  fc.nat({ max: 50 }).map(String),
  fc.constantFrom(
    '99999999999999999999',
    '1.5',
    '0x10',
    'abc',
    'index.html',
    'article.css',
    'embed-x1.js',
    'ann@a.example',
  ),
  text,
);

const urlLike = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://news.example/a',
    'https://news.example/a?utm_source=x',
    'javascript:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    '/relative',
    `https://x.example/${'l'.repeat(LIMITS.urlMax)}`,
  ),
  text,
);

const queryValue = fc.oneof(
  urlLike,
  idLike,
  fc.constantFrom(
    'oldest',
    'newest',
    'pending',
    'spam',
    'approved',
    'all',
    '1e99',
    '-5',
    'confab',
    'wxr',
    'disqus',
  ),
);
const queryKey = fc.oneof(
  fc.constantFrom('url', 'limit', 'cursor', 'sort', 'status', 'q', 'format', 'lastEventId', 'ids'),
  fc.string({ maxLength: 8 }),
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 6 })
  .map((pairs) => new URLSearchParams(pairs).toString());

const anyMethod = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'),
  },
  { weight: 1, arbitrary: fc.constantFrom('PROPFIND', 'get', 'Post', 'QUERY') },
);

/**
 * Mostly a real route with its own method and generated parameters, the public ones more often than the
 * admin ones; sometimes a post; sometimes any method, or any path.
 */
function methodAndPath(routes: { method: string; path: string }[]) {
  const route = fc.oneof(
    {
      weight: 2,
      arbitrary: fc.constantFrom(...routes.filter((r) => !r.path.startsWith('/api/admin'))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...routes.filter((r) => r.path.startsWith('/api/admin'))),
    },
  );
  const fromRoutes = fc
    .tuple(
      route,
      fc.array(idLike, { minLength: 3, maxLength: 3 }),
      fc.boolean(),
      fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anyMethod }),
    )
    .map(([route, values, encode, otherMethod]) => {
      let i = 0;
      const path = route.path.replace(/:[a-zA-Z]+(\{[^}]*\})?/g, () => {
        const v = values[i++ % values.length]!;
        return encode
          ? encodeURIComponent(v.replace(/\p{Surrogate}/gu, '%ED%A0%80'))
          : v.replace(/[#?]/g, '');
      });
      return { method: otherMethod ?? route.method.toUpperCase(), path };
    });
  const random = fc.record({
    method: anyMethod,
    path: fc
      .array(
        fc.oneof(
          fc.constantFrom('api', 'admin', 'comments', 'threads', '..', '%2e%2e', '', '%00'),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 5 },
      )
      .map(
        (segs) =>
          `/${segs.map((s) => encodeURIComponent(s.replace(/\p{Surrogate}/gu, ''))).join('/')}`,
      ),
  });
  // Posting is the write path every reader takes, so it gets its own share: drawn only as one route
  // among thirty, a run of 10,000 reached a 201 a handful of times, and sometimes not at all.
  const posting = fc.constant({ method: 'POST', path: '/api/comments' });
  return fc.oneof(
    { weight: 5, arbitrary: fromRoutes },
    { weight: 1, arbitrary: posting },
    { weight: 1, arbitrary: random },
  );
}

// Header values must be Latin-1 without CR or LF, or Request itself refuses them.
const headerText = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const headers = fc.record(
  {
    'Content-Type': fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/ld+json',
        '',
      ),
      headerText,
    ),
    Authorization: fc.oneof(
      fc.constant(`Bearer ${ADMIN_TOKEN}`),
      fc.constant('Bearer '),
      headerText.map((s) => `Bearer ${s}`),
      headerText,
    ),
    Origin: fc.oneof(
      fc.constantFrom('http://localhost:3000', 'https://evil.example', 'null'),
      headerText,
    ),
    'X-Forwarded-For': fc.oneof(
      fc.constantFrom('1.2.3.4', '1.2.3.4, 10.0.0.1', '::1', 'unknown'),
      headerText,
    ),
    'Last-Event-ID': headerText,
    'If-None-Match': headerText,
    'Access-Control-Request-Method': fc.constantFrom('POST', 'PATCH', 'DELETE', 'GET'),
    'Content-Encoding': fc.constantFrom('gzip', 'br', 'identity'),
  },
  { requiredKeys: ['Content-Type'] },
);

const commentLike = fc.record(
  {
    url: urlLike,
    title: fc.oneof(text, fc.integer()),
    parentId: fc.oneof(idLike, fc.integer(), fc.constant(null)),
    body: fc.oneof(text, fc.constantFrom(...XSS_PAYLOADS), fc.jsonValue()),
    author: fc.oneof(
      fc.record(
        {
          name: fc.oneof(text, fc.jsonValue()),
          email: fc.oneof(fc.emailAddress(), text),
          website: fc.oneof(urlLike, fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    ),
    pow: fc.oneof(
      fc.jsonValue(),
      fc.record({
        algorithm: fc.constant('SHA-256'),
        challenge: text,
        salt: text,
        maxnumber: fc.integer(),
        issuedAt: text,
        expiresAt: text,
        signature: text,
        number: fc.integer(),
      }),
    ),
    hp: fc.oneof(text, fc.jsonValue()),
    status: fc.oneof(fc.constantFrom('approved', 'pending', 'spam', 'deleted'), text),
    ids: fc.array(fc.oneof(fc.integer(), text), { maxLength: 5 }),
    action: fc.oneof(fc.constantFrom('approve', 'spam', 'delete', 'erase'), text),
  },
  { requiredKeys: [] },
);

/** A valid comment with some of its fields replaced by generated ones: it gets past validation now and then. */
const nearlyValid = fc
  .tuple(
    fc.record({
      url: fc.constantFrom(
        'https://news.example/a',
        'https://news.example/b',
        'http://blog.example/post?id=1',
      ),
      body: fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constantFrom(...XSS_PAYLOADS)),
      author: fc.record({
        name: fc.constantFrom('Ann', 'Bob', '<b>Eve</b>'),
        email: fc.constantFrom('ann@a.example', 'bob@b.example'),
      }),
    }),
    fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: commentLike }),
  )
  .map(([valid, changes]) => JSON.stringify({ ...valid, ...changes }));

const body = fc.oneof(
  { weight: 6, arbitrary: nearlyValid },
  { weight: 3, arbitrary: commentLike.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  { weight: 1, arbitrary: text },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '{',
      '{"body":',
      '[',
      'null',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{}}}',
      '\ufeff{}',
    ),
  },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ body: 'x'.repeat(LIMITS.requestBytes) })) },
);

interface Sent {
  target: 'open' | 'defended';
  request: { method: string; path: string };
  query: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

async function send(s: Sent): Promise<Response> {
  const { method, path } = s.request;
  const init: RequestInit = { method, headers: s.headers };
  if (s.body !== undefined && !['GET', 'HEAD'].includes(method.toUpperCase()))
    init.body = typeof s.body === 'string' ? s.body : new Uint8Array(s.body);
  const url = `http://localhost${path}${s.query ? `?${s.query}` : ''}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS)),
  );
  try {
    const res = await Promise.race([
      Promise.resolve(targets[s.target].app.request(url, init)),
      hang,
    ]);
    // An open event stream never ends by itself: its first bytes are enough.
    if (res.headers.get('Content-Type')?.startsWith('text/event-stream')) await res.body?.cancel();
    else await Promise.race([res.arrayBuffer(), hang]);
    return res;
  } finally {
    clearTimeout(timer);
  }
}

describe('generated requests against every route', () => {
  it(`answer ${RUNS.toLocaleString('en')} requests without a 5xx, a hang or a crash`, async () => {
    const routes = routeList(targets.open.app);
    expect(routes.length).toBeGreaterThan(15);
    const statuses = new Map<number, number>();
    const sent = fc.record({
      target: fc.constantFrom<'open' | 'defended'>('open', 'open', 'open', 'defended'),
      request: methodAndPath(routes),
      query,
      headers,
      body: fc.option(body, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(sent, async (s) => {
        // A second a request, so windows, lockouts and challenges come and go as in real use.
        targets[s.target].clock.advance(1000);
        const res = await send(s);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) {
          const errors = targets[s.target].logs.filter((l) => l.level === 'error').slice(-1);
          throw new Error(
            `${s.request.method} ${s.request.path}?${s.query} answered ${res.status}; last error logged: ${JSON.stringify(errors)}`,
          );
        }
      }),
      { numRuns: RUNS },
    );
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(RUNS);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    // The generators reach the handlers, not only the validators.
    for (const status of [200, 201, 204, 400, 401, 404, 413, 415])
      expect(statuses.get(status), `status ${status}`).toBeGreaterThan(0);
  }, 120_000);

  it('still answers afterwards, reads and writes alike', async () => {
    const app = targets.open.app;
    expect((await app.request('/healthz')).status).toBe(200);
    const post = await app.request('/api/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        url: 'https://news.example/after-fuzz',
        body: 'Still here',
        author: { name: 'A', email: 'a@b.example' },
      }),
    });
    expect(post.status).toBe(201);
    const read = await (
      await app.request(`/api/threads?url=${encodeURIComponent('https://news.example/after-fuzz')}`)
    ).json();
    expect(read.comments.map((c: { html: string }) => c.html)).toEqual(['<p>Still here</p>\n']);
  });
});
