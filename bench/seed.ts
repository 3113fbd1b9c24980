import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { avatarSeed } from '../server/domain/avatar.js';
import { renderMarkdown } from '../server/domain/markdown.js';
import { openSqliteStore } from '../server/store/sqlite.js';

/**
 * Bench-only bulk loader. The store opens the file once so the migrations create the real schema; then
 * rows go straight in through better-sqlite3 prepared statements in one transaction, never over HTTP.
 */

export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123';
export const BASE_URL = 'https://news.example/bench';

export interface ThreadSpec {
  url: string;
  title: string;
  /** Comments in the thread: a quarter are replies, the rest top-level. */
  comments: number;
  /** Share of comments held for moderation (not shown to readers). */
  pendingShare?: number;
}

export interface SeedResult {
  threads: number;
  comments: number;
  ms: number;
}

const SENTENCES = [
  'While it may be fair to lease land to foreigners, the way the law was rushed through left people feeling unheard.',
  'I grew up two streets from the square where the rally was supposed to happen, and nobody there trusts the official figures.',
  'The devaluation hit pensioners hardest; a protest about land was always going to be about more than land.',
  'Does anyone have a source for the number of arrests? The article says "scores" but the local press says hundreds.',
  'Good reporting. It would help to have a map of the cities mentioned.',
  'Rented land for ten years is one thing, twenty-five is a generation.',
  'The moratorium is a sensible pause, but it solves nothing unless the commission actually listens.',
  'My uncle farms near Atyrau and says the real problem is water rights, not who holds the lease.',
  'This is the *first* time in years people came out without being organised by anyone.',
  'Compare this with 2011: the workers then had a single employer to negotiate with, here there is no one.',
  'Thanks for writing this. I shared it with my class; we are studying land reform this term.',
  'The phrase "breach of public order" covers almost anything, which is exactly the point of it.',
];

const NAMES = [
  'Bonnie B',
  'Aidos K',
  'Marta L',
  'Yerlan',
  'J. Smith',
  'Gulnara',
  'Pete',
  'Saule N',
  'Dana',
  'Timur A',
  'Olga',
  'Ray',
];

/** A small deterministic PRNG (mulberry32), so every run loads the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Body {
  body: string;
  html: string;
}

function bodies(count: number, rand: () => number): Body[] {
  const out: Body[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(rand() * 3);
    const parts: string[] = [];
    for (let j = 0; j < n; j++) parts.push(SENTENCES[Math.floor(rand() * SENTENCES.length)]!);
    const body = rand() < 0.3 ? parts.join('\n\n') : parts.join(' ');
    out.push({ body, html: renderMarkdown(body) });
  }
  return out;
}

interface Author {
  name: string;
  email: string;
  website: string | null;
  avatar: string;
}

function authors(count: number): Author[] {
  return Array.from({ length: count }, (_, i) => {
    const email = `reader${i}@example.com`;
    return {
      name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${i}` : ''}`,
      email,
      website: i % 3 === 0 ? `https://reader${i}.example` : null,
      avatar: avatarSeed(BENCH_SECRET, email),
    };
  });
}

/** Creates (or migrates) the schema by opening the real store once, then closes it. */
export async function migrate(dbPath: string): Promise<void> {
  const store = await openSqliteStore(dbPath);
  await store.putSetting({ key: 'secret', value: BENCH_SECRET });
  await store.close();
}

/**
 * Appends threads to a migrated SQLite file. Every fourth comment replies to the latest top-level one
 * (depth 1), so pages carry sub-threads as real ones do. Time stamps rise by a minute per comment.
 */
export function bulkLoad(
  dbPath: string,
  threads: Iterable<ThreadSpec>,
  opts: { seed?: number; startMs?: number } = {},
): SeedResult {
  const started = performance.now();
  const rand = prng(opts.seed ?? 42);
  const pool = bodies(96, rand);
  const people = authors(500);
  const db = new Database(dbPath);
  // Nothing reads the file while it loads: skip the journal and fsync, then hand it back in WAL mode.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  const insertThread = db.prepare('insert into threads (url, title, created_at) values (?, ?, ?)');
  const insertComment = db.prepare(
    `insert into comments (thread_id, parent_id, root_id, depth, author_name, author_email, author_website, avatar,
       body, html, status, created_at, edited_at, edit_token_hash, ip_hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  let t = opts.startMs ?? Date.UTC(2024, 0, 1);
  let threadCount = 0;
  let commentCount = 0;
  const tokenHash = (n: number) => createHash('sha256').update(`token${n}`).digest('base64url');
  const ipHash = (n: number) =>
    createHash('sha256')
      .update(`ip${n % 5000}`)
      .digest('hex');
  const load = db.transaction(() => {
    for (const spec of threads) {
      const threadId = Number(insertThread.run(spec.url, spec.title, t).lastInsertRowid);
      threadCount += 1;
      let lastTop = 0;
      for (let i = 0; i < spec.comments; i++) {
        const who = people[Math.floor(rand() * people.length)]!;
        const text = pool[Math.floor(rand() * pool.length)]!;
        const reply = i % 4 === 3 && lastTop !== 0;
        const status = spec.pendingShare && rand() < spec.pendingShare ? 'pending' : 'approved';
        t += 60_000;
        commentCount += 1;
        const id = Number(
          insertComment.run(
            threadId,
            reply ? lastTop : null,
            reply ? lastTop : null,
            reply ? 1 : 0,
            who.name,
            who.email,
            who.website,
            who.avatar,
            text.body,
            text.html,
            status,
            t,
            tokenHash(commentCount),
            ipHash(commentCount),
          ).lastInsertRowid,
        );
        if (!reply && status === 'approved') lastTop = id;
      }
    }
  });
  load();
  db.pragma('journal_mode = WAL');
  db.exec('analyze');
  db.close();
  return { threads: threadCount, comments: commentCount, ms: performance.now() - started };
}

/** The threads every run measures: one per size, by a URL that names the size. */
export function threadUrl(size: number): string {
  return `${BASE_URL}/thread-${size}`;
}

export function benchThreads(sizes: readonly number[]): ThreadSpec[] {
  return sizes.map((n) => ({ url: threadUrl(n), title: `A thread of ${n} comments`, comments: n }));
}

/**
 * `total` comments over `threads` threads, sizes drawn around the mean (1 to 2×mean−1), the last
 * thread taking up the remainder; 1% of comments pending. Yields lazily: nothing is held in memory.
 */
export function* scaleThreads(threads: number, total: number, seed = 7): Generator<ThreadSpec> {
  const rand = prng(seed);
  const mean = total / threads;
  let left = total;
  for (let i = 0; i < threads; i++) {
    const remaining = threads - i;
    let n = remaining === 1 ? left : Math.max(1, Math.round(1 + rand() * (2 * mean - 2)));
    n = Math.min(n, left - (remaining - 1));
    left -= n;
    yield { url: `${BASE_URL}/scale/${i}`, title: `Article ${i}`, comments: n, pendingShare: 0.01 };
  }
}
