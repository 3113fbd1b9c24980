import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { configFrom } from '../../server/config.js';
import { IP_RETENTION_MS } from '../../server/domain/privacy.js';
import { hashToken } from '../../server/domain/tokens.js';
import { createMemoryBus } from '../../server/events/bus.js';
import type { LogLine } from '../../server/middleware/request-log.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import type { Store } from '../../server/store/store.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { openTestSqliteStore } from '../support/sqlite-template.js';
import { createClock, newComment, TEST_SECRET, type TestClock } from '../support/test-app.js';

const DAY = 24 * 60 * 60 * 1000;
const EMAIL = 'Ada.Lovelace+confab@Example.org';
const IP = '203.0.113.42';
const SECRET_WORDS = 'the-analytical-engine-weaves-algebraic-patterns';

interface Rig {
  app: ReturnType<typeof createApp>;
  readonly store: Store;
  clock: TestClock;
  logs: LogLine[];
  dir: string;
  /** A request from IP over a socket, as @hono/node-server hands it over. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

/** The real app over a SQLite file, with the request log captured and a widget bundle on disk. */
async function rig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'confab-privacy-'));
  const bundle = join(dir, 'embed.js');
  writeFileSync(bundle, 'export {};\n');
  const store = await openTestSqliteStore(join(dir, 'confab.db'));
  const events = createMemoryBus();
  const clock = createClock();
  const logs: LogLine[] = [];
  const config = configFrom({
    log: true,
    rateLimit: [{ max: 1000, windowSeconds: 60 }],
    pow: false,
  });
  const app = createApp({
    store,
    events,
    config,
    secret: TEST_SECRET,
    now: clock.now,
    log: (l) => logs.push(l),
    paths: { bundle, demoDir: dir },
  });
  return {
    app,
    store,
    clock,
    logs,
    dir,
    call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
      }
      return Promise.resolve(
        app.request(path, init, { incoming: { socket: { remoteAddress: IP } } }),
      );
    },
    async close() {
      await events.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every way the email could be recognised: as written, lower-cased, and its common hex digests. */
function emailForms(email: string): string[] {
  const forms = new Set([email, email.toLowerCase()]);
  for (const e of [...forms]) {
    for (const algo of ['md5', 'sha1', 'sha256'])
      forms.add(createHash(algo).update(e).digest('hex'));
  }
  return [...forms];
}

function expectNoneOf(text: string, needles: string[], where: string) {
  const hay = text.toLowerCase();
  for (const n of needles)
    expect(hay.includes(n.toLowerCase()), `${where} contains ${n}`).toBe(false);
}

/** Reads an SSE body until `marker` shows up (or the stream ends), then hangs up. */
async function readEventsUntil(res: Response, marker: string): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(marker)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

describe('what leaves the server publicly', () => {
  let r: Rig;
  const bodies: [string, string][] = [];
  const headerSets: [string, Headers][] = [];
  let posted: { comment: { id: number }; editToken: string };

  async function record(
    label: string,
    res: Response,
    read: (res: Response) => Promise<string> = (x) => x.text(),
  ) {
    headerSets.push([label, res.headers]);
    bodies.push([label, await read(res)]);
    return res;
  }

  beforeAll(async () => {
    r = await rig();
    const url = 'https://news.example/privacy';
    const q = `url=${encodeURIComponent(url)}`;
    const stream = await r.call('GET', `/api/events?${q}`);
    const input = newComment({
      url,
      body: SECRET_WORDS,
      author: { name: 'Ada', email: EMAIL, website: 'https://ada.example' },
    });
    const res = await record('POST /api/comments', await r.call('POST', '/api/comments', input));
    posted = JSON.parse(bodies.at(-1)![1]);
    expect(res.status).toBe(201);
    await record('GET /api/events', stream, (s) => readEventsUntil(s, 'comment.created'));
    const reply = { ...input, body: 'A reply', parentId: posted.comment.id };
    await record('POST /api/comments (reply)', await r.call('POST', '/api/comments', reply));
    await record('POST /api/comments (duplicate)', await r.call('POST', '/api/comments', input));
    await record(
      'POST /api/comments (invalid)',
      await r.call('POST', '/api/comments', {
        ...input,
        author: { ...input.author, website: 'javascript:x' },
      }),
    );
    await record('GET /api/threads', await r.call('GET', `/api/threads?${q}`));
    await record(
      'GET /api/threads newest',
      await r.call('GET', `/api/threads?${q}&sort=newest&limit=1`),
    );
    await record('GET /api/counts', await r.call('GET', `/api/counts?${q}`));
    const auth = { Authorization: `Bearer ${posted.editToken}` };
    await record(
      'PATCH /api/comments/:id',
      await r.call(
        'PATCH',
        `/api/comments/${posted.comment.id}`,
        { body: `${SECRET_WORDS} edited` },
        auth,
      ),
    );
    await record(
      'PATCH /api/comments/:id (wrong token)',
      await r.call(
        'PATCH',
        `/api/comments/${posted.comment.id}`,
        { body: 'x' },
        { Authorization: 'Bearer nope' },
      ),
    );
    await record('POST /api/preview', await r.call('POST', '/api/preview', { body: SECRET_WORDS }));
    await record('GET /api/challenge', await r.call('GET', '/api/challenge'));
    await record('GET /api/openapi.json', await r.call('GET', '/api/openapi.json'));
    await record('GET /healthz', await r.call('GET', '/healthz'));
    await record('GET /embed.js', await r.call('GET', '/embed.js'));
    await record('GET /nowhere', await r.call('GET', '/nowhere'));
    await record(
      'OPTIONS /api/comments',
      await r.call('OPTIONS', '/api/comments', undefined, {
        Origin: 'http://localhost:1',
        'Access-Control-Request-Method': 'POST',
      }),
    );
    await record(
      'DELETE /api/comments/:id',
      await r.call('DELETE', `/api/comments/${posted.comment.id}`, undefined, auth),
    );
    await record('GET /api/threads after delete', await r.call('GET', `/api/threads?${q}`));
  });
  afterAll(() => r.close());

  it('never contains the email, lower-cased or not, or its MD5, SHA-1 or SHA-256', () => {
    expect(bodies.length).toBeGreaterThan(15);
    expect(bodies.find(([l]) => l === 'GET /api/events')![1]).toContain('comment.created');
    for (const [label, text] of bodies) expectNoneOf(text, emailForms(EMAIL), label);
  });

  it('never contains the IP address or its keyed hash', async () => {
    const stored = await r.store.getComment({ id: posted.comment.id + 1 });
    expect(stored?.ipHash).toMatch(/^[0-9a-f]{64}$/);
    for (const [label, text] of bodies) expectNoneOf(text, [IP, stored!.ipHash!], label);
  });

  it('never sets a cookie', () => {
    for (const [label, headers] of headerSets) expect(headers.get('Set-Cookie'), label).toBeNull();
  });

  it('sends nosniff, no referrer and frame protection on every answer', () => {
    for (const [label, headers] of headerSets) {
      expect(headers.get('X-Content-Type-Options'), label).toBe('nosniff');
      expect(headers.get('Referrer-Policy'), label).toBe('no-referrer');
      expect(headers.get('X-Frame-Options'), label).toBe('SAMEORIGIN');
    }
  });

  it('lets pages on any origin load embed.js and nothing else', () => {
    const embed = headerSets.find(([l]) => l === 'GET /embed.js')![1];
    expect(embed.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect(embed.get('Access-Control-Allow-Origin')).toBe('*');
    for (const [label, headers] of headerSets.filter(([l]) => l !== 'GET /embed.js')) {
      expect(headers.get('Cross-Origin-Resource-Policy'), label).not.toBe('cross-origin');
      expect(headers.get('Access-Control-Allow-Origin'), label).not.toBe('*');
    }
  });
});

describe('secrets at rest', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig();
  });
  afterAll(() => r.close());

  it('gives edit tokens of at least 128 random bits, each different', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { editToken } = await (await r.call('POST', '/api/comments', newComment())).json();
      expect(Buffer.from(editToken, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      tokens.add(editToken);
    }
    expect(tokens.size).toBe(20);
  });

  it('stores only the hash of the edit token and the keyed hash of the IP, never the values', async () => {
    const { comment, editToken } = await (
      await r.call('POST', '/api/comments', newComment())
    ).json();
    const stored = await r.store.getComment({ id: comment.id });
    expect(stored?.editTokenHash).toBe(hashToken(editToken));
    expect(stored?.editTokenHash).not.toContain(editToken);
    expect(stored?.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.ipHash).not.toBe(createHash('sha256').update(IP).digest('hex'));
    // The database file and its write-ahead log, byte for byte.
    const files = readdirSync(r.dir).filter((f) => f.startsWith('confab.db'));
    const raw = Buffer.concat(files.map((f) => readFileSync(join(r.dir, f)))).toString('latin1');
    expect(raw).toContain(stored!.editTokenHash!);
    expect(raw).not.toContain(editToken);
    expect(raw).not.toContain(IP);
  });
});

describe('IP hashes are forgotten after 30 days', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig();
  });
  afterAll(() => r.close());

  const ipHashOf = async (id: number) => (await r.store.getComment({ id }))?.ipHash ?? null;
  const postAt = async (ms: number) => {
    r.clock.set(ms);
    return (await (await r.call('POST', '/api/comments', newComment())).json()).comment
      .id as number;
  };

  it('on the first write of each hour, dropping those older than 30 days and keeping the rest', async () => {
    const T0 = r.clock.now();
    const a = await postAt(T0);
    const b = await postAt(T0 + IP_RETENTION_MS - 60_000);
    expect(await ipHashOf(a)).not.toBeNull();
    // A is now past 30 days, but the last purge ran two minutes ago.
    const c = await postAt(T0 + IP_RETENTION_MS + 60_000);
    expect(await ipHashOf(a)).not.toBeNull();
    // An hour after the last purge the next write purges again.
    const d = await postAt(T0 + IP_RETENTION_MS - 60_000 + 60 * 60_000);
    expect(await ipHashOf(a)).toBeNull();
    for (const id of [b, c, d]) expect(await ipHashOf(id)).not.toBeNull();
    expect(IP_RETENTION_MS).toBe(30 * DAY);
  });
});

describe.each([
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'confab-purge-'));
      const store = await openTestSqliteStore(join(dir, 'confab.db'));
      return {
        store,
        dispose: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const db: TestDatabase = await createTestDatabase();
      const store = await openPostgresStore(db.url);
      return {
        store,
        dispose: async () => {
          await store.close();
          await db.drop();
        },
      };
    },
  ],
])('purgeIpHashes on %s', (_engine, open) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await open());
  });
  afterAll(() => dispose());

  const base = {
    url: 'https://news.example/purge',
    title: null,
    parentId: null,
    depth: 0,
    rootId: null,
    authorName: 'A',
    authorEmail: 'a@b.example',
    authorWebsite: null,
    avatar: 'abcdef',
    body: 'b',
    html: '<p>b</p>',
    status: 'approved' as const,
    editTokenHash: null,
  };

  it('clears the IP hash of comments created before the cut-off, and only theirs', async () => {
    const old = await store.insertComment({ ...base, createdAt: 1000, ipHash: 'h1' });
    const edge = await store.insertComment({ ...base, createdAt: 2000, ipHash: 'h2' });
    const none = await store.insertComment({ ...base, createdAt: 500, ipHash: null });
    expect(await store.purgeIpHashes({ before: 2000 })).toBe(1);
    expect((await store.getComment({ id: old.comment.id }))?.ipHash).toBeNull();
    expect((await store.getComment({ id: edge.comment.id }))?.ipHash).toBe('h2');
    expect((await store.getComment({ id: none.comment.id }))?.ipHash).toBeNull();
    expect(await store.purgeIpHashes({ before: 2000 })).toBe(0);
  });
});

describe('the request log', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig();
  });
  afterAll(() => r.close());

  it('writes one line per request and never a token, an email, an IP or the words of a comment', async () => {
    const input = newComment({ body: SECRET_WORDS, author: { name: 'Ada', email: EMAIL } });
    const { comment, editToken } = await (await r.call('POST', '/api/comments', input)).json();
    const auth = { Authorization: `Bearer ${editToken}` };
    await r.call('PATCH', `/api/comments/${comment.id}`, { body: `${SECRET_WORDS} again` }, auth);
    await r.call('POST', '/api/comments', {
      ...input,
      author: { ...input.author, email: `${EMAIL}@@` },
    });
    await r.call('POST', '/api/preview', { body: SECRET_WORDS });
    await r.call('GET', `/api/threads?url=${encodeURIComponent(input.url)}&cursor=${SECRET_WORDS}`);
    await r.call('DELETE', `/api/comments/${comment.id}`, undefined, auth);

    expect(r.logs).toHaveLength(6);
    for (const line of r.logs) {
      expect(line).toMatchObject({
        method: expect.any(String),
        route: expect.any(String),
        status: expect.any(Number),
        ms: expect.any(Number),
        requestId: expect.any(String),
      });
      expectNoneOf(
        JSON.stringify(line),
        [editToken, hashToken(editToken), SECRET_WORDS, IP, ...emailForms(EMAIL)],
        'a log line',
      );
    }
    expect(r.logs.map((l) => [l.method, l.route, l.status])).toEqual([
      ['POST', '/api/comments', 201],
      ['PATCH', '/api/comments/:id', 200],
      ['POST', '/api/comments', 400],
      ['POST', '/api/preview', 200],
      ['GET', '/api/threads', 400],
      ['DELETE', '/api/comments/:id', 204],
    ]);
  });
});
