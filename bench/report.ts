import type { RenderCase } from './browser.js';
import type { BundleSize } from './bundle-size.js';
import type { DisqusImportResult } from './disqus-import.js';
import { renderDisqusImport } from './disqus-import-report.js';
import type { HostPageResult } from './host-page.js';
import { renderHostPage } from './host-page-report.js';
import type { OpenTiming, ScaleDb } from './scale.js';
import { type CaseResult, roundTiming, type Timing } from './throughput.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
  commit: string;
  load: string;
}

export interface Budget {
  name: string;
  limit: string;
  measured: string;
  pass: boolean;
}

export interface Results {
  machine: Machine;
  /** How the server is started, as package.json's `start` script starts it. */
  serverCommand: string;
  timing: Timing;
  totalSeconds: number;
  bundle: BundleSize;
  render: RenderCase[];
  sqlite: CaseResult[];
  baseline: CaseResult[];
  postgres: CaseResult[] | { skipped: string };
  smallOpens: OpenTiming[];
  scale: {
    db: ScaleDb;
    opens: OpenTiming[];
    rssIdle: number;
    load: CaseResult;
  };
  durability: { acknowledged: number; stored: number };
  /** A file and one twice its size. */
  disqusImport: DisqusImportResult[];
  rssIdle: number;
  hostPage: HostPageResult;
  budgets: Budget[];
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ms = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const MB = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
/** The issue's figure for a bare Hono + better-sqlite3 handler serving a 50-comment thread elsewhere. */
const PEER_BARE_RPS = 6500;

const ratio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '—');

/**
 * `md` with the section whose heading starts with `heading` replaced by `section`; without one, `section`
 * goes before the Peers section. Partial runs (`--only`) update their own section this way.
 */
export function replaceSection(md: string, heading: string, section: string): string {
  const start = md.indexOf(`\n${heading}`);
  if (start >= 0) {
    const next = md.indexOf('\n## ', start + 1);
    return `${md.slice(0, start + 1)}${section}\n${next >= 0 ? md.slice(next) : ''}`;
  }
  const peers = md.indexOf('\n## Peers');
  return peers >= 0
    ? `${md.slice(0, peers + 1)}${section}\n${md.slice(peers)}`
    : `${md.trimEnd()}\n\n${section}\n`;
}

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function caseRows(cases: CaseResult[]) {
  return cases.map((c) => [
    c.rounds
      ? `${c.name}: median of ${c.rounds.length} rounds (${c.rounds.map((r) => int(r.rps)).join(', ')} req/s)`
      : c.name,
    int(c.rps),
    ms(c.p50, 2),
    ms(c.p99, 2),
    int(c.serverCpuUsPerRequest),
    int(c.bytesPerResponse),
    Object.entries(c.statuses)
      .map(([code, n]) => `${code}×${int(n)}`)
      .join(' ') + (c.errors ? ` errors×${c.errors}` : ''),
    MB(c.serverRssMax),
  ]);
}

const CASE_HEAD = [
  'case',
  'req/s',
  'p50 ms',
  'p99 ms',
  'server CPU µs/req',
  'bytes/resp',
  'statuses',
  'server RSS max',
];

export function renderReport(r: Results): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`# Benchmarks

Measured by \`npm run bench\` (bench/run.ts) on ${m.date}, commit \`${m.commit}\`, in ${int(r.totalSeconds)} s.

| machine | |
| --- | --- |
| CPU | ${m.cpu}, ${m.cores} cores |
| memory | ${m.memoryGiB.toFixed(0)} GiB |
| OS | ${m.os} |
| Node.js | ${m.node} |
| load average at start | ${m.load} |

The server runs as its own process pinned to core 0 (\`taskset -c 0 ${r.serverCommand}\`, with
\`CONFAB_RATE_LIMIT=off CONFAB_POW=off CONFAB_LOG=off\`); autocannon and Chromium run on core 1. Each load
case is ${r.timing.connections} connections for ${r.timing.seconds} s after a ${r.timing.warmupSeconds} s warm-up; a case measured in rounds
runs each round for ${roundTiming(r.timing).seconds} s after ${roundTiming(r.timing).warmupSeconds} s. Latencies are per response. "Server CPU
µs/req" is the server process's user+system time divided by the responses in the window: it is the
steadiest number when the machine is shared.`);

  out.push(
    `## Budgets\n\n${table(
      ['budget', 'limit', 'measured', 'result'],
      r.budgets.map((b) => [b.name, b.limit, b.measured, b.pass ? 'PASS' : '**FAIL**']),
    )}`,
  );

  const b = r.bundle;
  out.push(`## Widget bundle

\`${b.path}\`, built by \`vite build\`: one ES module with Lit inside (${b.litInside ? 'yes' : '**no**'}), ${b.staticImports.length} static imports.

| file | raw | gzip -9 | brotli 11 |
| --- | ---: | ---: | ---: |
| embed.js | ${int(b.raw)} B | ${int(b.gzip)} B | ${int(b.brotli)} B |

${b.lazyChunks.length ? `Loaded only on demand (pages in another language): ${b.lazyChunks.map((c) => `\`${c.replace(/^\.\//, '')}\``).join(', ')}.` : ''}

For comparison (same kind of machine, published figures): Isso's embed is 20 kB gzip, Waline's 53 kB; Disqus
loads hundreds of kB in about 100 requests.`);

  out.push(`## First render in Chromium

A first-time reader (HTTP cache off, a new document per view) opens an article page served by the bench from its own
origin; the page embeds \`<script type="module" src=…/embed.js>\` and \`<confab-comments>\` from the Confab
server. Time is from navigation start to the first frame showing every comment of the first page (50
top-level comments and their replies), median of ${r.render[0]?.views ?? 0} views. Long tasks are those
before that frame (PerformanceObserver 'longtask'), median count and total, worst single one. Requests
"before render" are those started before the first page was complete in the DOM, i.e. what the first
render waited for; anything the widget asks for once the thread is drawn (the reply form, live updates)
is listed as after.

${table(
  [
    'thread',
    'comments shown',
    'rendered ms (median)',
    'all views ms',
    'long tasks',
    'long-task ms (total / max)',
    'requests before render (JS + JSON + other)',
    'bytes before render',
  ],
  r.render.map((c) => [
    `${int(c.size)} comments`,
    c.expected,
    ms(c.renderedMs),
    c.renderedMsAll.map((x) => x.toFixed(0)).join(', '),
    c.longTasks.count,
    `${ms(c.longTasks.totalMs, 0)} / ${ms(c.longTasks.maxMs, 0)}`,
    `${c.requestsBeforeRender.js} + ${c.requestsBeforeRender.json} + ${c.requestsBeforeRender.other}`,
    kB(c.requestsBeforeRender.bytes),
  ]),
)}

Requests of the first view of the 50-comment thread (bytes on the wire, headers included):

${table(
  ['request', 'type', 'status', 'bytes', 'before render'],
  (r.render[0]?.requests ?? []).map((q) => [
    `\`${q.url.length > 70 ? `${q.url.slice(0, 67)}…` : q.url}\``,
    q.type,
    q.status,
    int(q.transferred),
    q.beforeRender ? 'yes' : 'no',
  ]),
)}`);

  const g50 = r.sqlite.find((c) => c.name.startsWith('GET thread of 50 '));
  const b50 = r.baseline.find((c) => c.name.startsWith('GET thread of 50 '));
  const ceiling = r.baseline.find((c) => c.name.includes('from memory'));
  out.push(`## Server throughput (SQLite)

${table(CASE_HEAD, caseRows(r.sqlite))}

Idle server RSS after start-up and a first read: ${MB(r.rssIdle)}.

### The floor: a bare Hono + better-sqlite3 handler

\`bench/baseline.ts\` answers the same GET from the same file with the same JSON (statements prepared once,
no middleware, no validation, no cache). Confab's ratio to it is the cost, or here the gain, of everything
Confab adds: validation, security headers, CORS, request ids, URL normalisation — and its thread cache.
Every server gets 5 s of load thrown away before its first measured case, so no case pays for a cold JIT.
The GET of 50 runs in rounds, the bare handler and Confab taking turns, and each shows its median round:
the machine is shared, and a slow moment then falls on both rather than on whichever ran in it.
The last row is the ceiling: the same handler answering the same bytes from memory, which leaves only Hono
and Node's HTTP per request.

${table(CASE_HEAD, caseRows(r.baseline))}
${
  ceiling && b50
    ? `\nOn this machine Hono alone answers a 19 kB thread at ${int(ceiling.rps)} req/s (${int(ceiling.serverCpuUsPerRequest)} µs of CPU a request); the bare handler adds ${int(b50.serverCpuUsPerRequest - ceiling.serverCpuUsPerRequest)} µs of SQLite reads and JSON serialisation to each. The peers' figure for the bare handler (about ${int(PEER_BARE_RPS)} req/s, below) leaves ${int(1e6 / PEER_BARE_RPS)} µs a request on its one core; here the same request takes ${ratio(b50.serverCpuUsPerRequest / (1e6 / PEER_BARE_RPS))} that, so compare ratios within a run, not absolute numbers across machines.\n`
    : ''
}
Confab / bare, GET thread of 50: ${g50 && b50 ? `${ratio(g50.rps / b50.rps)} the requests per second, ${ratio(g50.serverCpuUsPerRequest / b50.serverCpuUsPerRequest)} the CPU per request` : '—'}.

Posting: every acknowledged comment was found in the file afterwards (${int(r.durability.acknowledged)} answered 201 over all rounds, warm-ups included; ${int(r.durability.stored)} stored — the difference is posts still in flight when the load generator stopped counting). SQLite runs in WAL mode with \`synchronous=FULL\`: each commit waits for fsync. Comments arriving in the same event-loop turn share one transaction and one fsync (group commit, \`server/store/group-commit.ts\`), and none is answered before that commit.`);

  out.push(
    Array.isArray(r.postgres)
      ? `## Server throughput (PostgreSQL)\n\nThe same small data set copied into a fresh database on the server \`DATABASE_URL\` points at (dropped afterwards).\nThe thread cache keeps pages for at most 1 s here, since other instances may write.\n\n${table(CASE_HEAD, caseRows(r.postgres))}`
      : `## Server throughput (PostgreSQL)\n\nNot measured: ${r.postgres.skipped}`,
  );

  const s = r.scale;
  out.push(`## Scale: ${int(s.db.comments)} comments over ${int(s.db.threads)} threads (SQLite)

Generated straight into a temporary file by the bench's bulk loader (\`bench/seed.ts\`: the store's own
migrations create the schema, then one transaction of prepared inserts) in ${ms(s.db.ms / 1000, 1)} s; deleted afterwards.

| | |
| --- | ---: |
| file size | ${MB(s.db.fileBytes)} |
| bytes per comment on disk (rows and indexes) | ${int(s.db.bytesPerComment)} |
| server RSS idle | ${MB(s.rssIdle)} |
| server RSS under load (GET of ${int(s.load.requests)} requests spread over many threads) | ${MB(s.load.serverRssMax)} |

Opening a thread with nothing cached (the comment service reads the first page and the JSON is serialised,
as on a cache miss; median of 200 opens, the rows of one table taking turns, one open each per round):

${table(
  ['thread', 'comments on page', 'median ms', 'p99 ms'],
  [...r.smallOpens, ...s.opens].map((o) => [
    o.label,
    o.comments,
    ms(o.medianMs, 3),
    ms(o.p99Ms, 3),
  ]),
)}

Throughput while reading threads at random from the big file (mostly cache misses):

${table(CASE_HEAD, caseRows([s.load]))}`);

  out.push(renderHostPage(r.hostPage));
  out.push(renderDisqusImport(r.disqusImport));
  out.push(`## Peers

Measured elsewhere on this kind of machine (2 cores, server on one core, 50 connections), serving a
50-comment thread: bare Hono + better-sqlite3 about ${int(PEER_BARE_RPS)} req/s, Twikoo about 3,000, Waline about 150,
Isso about 36. This run's bare handler is above; absolute numbers move with the machine's load, ratios
within one run much less.

Reproduce with \`npm run bench\` (about ${Math.ceil(r.totalSeconds / 60)} minutes; \`DATABASE_URL=postgres://…\` adds PostgreSQL;
\`npm run bench -- --only host-page\` re-runs the host-page section alone, in about three minutes).`);
  return `${out.join('\n\n')}\n`;
}
