/**
 * Proves deploy/nginx.conf: two Confab instances on one fresh PostgreSQL database behind a real nginx
 * (`apt-get install nginx`), with only the addresses and port of the config changed.
 * Run: `npx tsx deploy/try-nginx.ts` (PostgreSQL on 127.0.0.1:5432, or CONFAB_TEST_PG). Exits non-zero
 * when any check fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type PgInstance, startPgInstance } from '../tests/support/pg.js';

const here = new URL('.', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function check(ok: boolean, what: string) {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) process.exitCode = 1;
}

const requestsTo = (i: PgInstance, route: string) => i.logs.filter((l) => l.route === route).length;

/** Reads an SSE stream until `want` comment ids have arrived as comment.created; resolves to them. */
async function readEvents(
  res: Response,
  want: Set<number>,
  timeoutMs: number,
): Promise<Set<number>> {
  const seen = new Set<number>();
  const reader = res.body!.getReader();
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  let buffer = '';
  try {
    while ([...want].some((id) => !seen.has(id))) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!/^event: comment\.created$/m.test(block)) continue;
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data) seen.add((JSON.parse(data) as { id: number }).id);
      }
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => {});
  }
  return seen;
}

const db = await createTestDatabase();
const instances: PgInstance[] = [];
const dir = mkdtempSync(join(tmpdir(), 'confab-nginx-'));
chmodSync(dir, 0o755);
let nginx: ReturnType<typeof spawn> | null = null;
try {
  const config = { log: true, trustedProxies: ['127.0.0.1'] };
  instances.push(
    await startPgInstance(db.url, { config }),
    await startPgInstance(db.url, { config }),
  );
  const [a, b] = instances as [PgInstance, PgInstance];
  const port = await freePort();

  const site = readFileSync(join(here, 'nginx.conf'), 'utf8')
    .replace('server 127.0.0.1:8787', `server ${a.url.slice('http://'.length)}`)
    .replace('server 127.0.0.1:8788', `server ${b.url.slice('http://'.length)}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  writeFileSync(join(dir, 'confab.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
worker_processes 1;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/confab.conf;
}
`,
  );
  const test = spawnSync('nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], {
    encoding: 'utf8',
  });
  check(
    test.status === 0,
    `nginx -t accepts the config${test.status === 0 ? '' : `: ${test.stderr}`}`,
  );
  if (test.status !== 0) throw new Error('nginx refused the config');

  nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const front = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (
      await fetch(`${front}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }

  const before = [requestsTo(a, '/healthz'), requestsTo(b, '/healthz')];
  for (let i = 0; i < 20; i++) await fetch(`${front}/healthz`);
  const spread = [requestsTo(a, '/healthz') - before[0]!, requestsTo(b, '/healthz') - before[1]!];
  check(
    spread[0]! + spread[1]! === 20 && spread[0]! >= 5 && spread[1]! >= 5,
    `20 requests through nginx are spread over both instances: ${spread.join(' + ')}`,
  );

  const thread = 'https://news.example/articles/behind-nginx';
  const stream = await fetch(`${front}/api/events?url=${encodeURIComponent(thread)}`);
  check(
    stream.status === 200 &&
      stream.headers.get('content-type')?.startsWith('text/event-stream') === true,
    'a live-update stream opens through nginx',
  );

  const ids = new Set<number>();
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${front}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        url: thread,
        body: `comment ${i} through nginx`,
        author: { name: 'Bonnie B', email: 'bonnie@example.com' },
      }),
    });
    if (res.status === 201) ids.add(((await res.json()) as { comment: { id: number } }).comment.id);
  }
  const [streaming, other] = requestsTo(a, '/api/events') > 0 ? [a, b] : [b, a];
  const storedElsewhere = requestsTo(other, '/api/comments');
  check(
    ids.size === 6 && storedElsewhere > 0,
    `6 comments posted through nginx, ${storedElsewhere} of them stored by the instance not holding the stream`,
  );
  const heard = await readEvents(stream, ids, 5000);
  check(
    [...ids].every((id) => heard.has(id)),
    `the stream on ${streaming.url} hears all 6 live (${heard.size} heard)`,
  );

  let consistent = true;
  for (let i = 0; i < 6; i++) {
    const page = (await (
      await fetch(`${front}/api/threads?url=${encodeURIComponent(thread)}`)
    ).json()) as { thread: { count: number } };
    consistent &&= page.thread.count === 6;
  }
  check(consistent, 'every instance answers the thread with all 6 comments');
} finally {
  nginx?.kill('SIGQUIT');
  await Promise.all(instances.map((i) => i.close()));
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
