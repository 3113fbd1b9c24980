import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';

/**
 * The floor: the thread GET as the least code could answer it — Hono, better-sqlite3, statements prepared
 * once, no middleware, no validation, no cache. Reads the same file as Confab and answers the same JSON
 * shape (first page, oldest first), so Confab's req/s over this one is the cost (or gain) of its layers.
 * `/memory/threads` answers the same bytes from memory: what Hono and Node's HTTP alone cost on this machine.
 *
 *   BASELINE_DB=path PORT=n node --import tsx bench/baseline.ts
 */

interface Row {
  id: number;
  parent_id: number | null;
  author_name: string;
  author_website: string | null;
  avatar: string;
  html: string;
  status: string;
  created_at: number;
  edited_at: number | null;
}

const PAGE = 50;
const db = new Database(process.env.BASELINE_DB ?? 'bench.db');
db.pragma('journal_mode = WAL');

const columns =
  'id, parent_id, author_name, author_website, avatar, html, status, created_at, edited_at';
const threadByUrl = db.prepare<[string], { id: number; url: string; title: string | null }>(
  'select id, url, title from threads where url = ?',
);
const countApproved = db.prepare<[number], { n: number }>(
  "select count(*) as n from comments where thread_id = ? and status = 'approved'",
);
const topLevel = db.prepare<[number, number], Row>(
  `select ${columns} from comments where thread_id = ? and parent_id is null and status in ('approved', 'deleted')
   order by created_at, id limit ?`,
);
const replies = db.prepare<[string], Row & { root_id: number }>(
  `select root_id, ${columns} from comments where root_id in (select value from json_each(?)) and status in ('approved', 'deleted')
   order by created_at, id`,
);

const iso = (ms: number) => new Date(ms).toISOString();
const toJson = (r: Row) => {
  const deleted = r.status === 'deleted';
  return {
    id: r.id,
    parentId: r.parent_id,
    author: deleted
      ? { name: '', website: null, avatar: '' }
      : { name: r.author_name, website: r.author_website, avatar: r.avatar },
    html: deleted ? '' : r.html,
    createdAt: iso(r.created_at),
    editedAt: r.edited_at === null ? null : iso(r.edited_at),
    status: r.status,
  };
};

function threadJson(url: string) {
  const thread = threadByUrl.get(url);
  if (!thread) return { thread: { url, title: null, count: 0 }, comments: [], nextCursor: null };
  const top = topLevel.all(thread.id, PAGE + 1);
  const page = top.slice(0, PAGE);
  const byRoot = new Map<number, Row[]>();
  for (const r of replies.all(JSON.stringify(page.map((t) => t.id)))) {
    const list = byRoot.get(r.root_id);
    if (list) list.push(r);
    else byRoot.set(r.root_id, [r]);
  }
  const comments = [];
  for (const t of page) {
    comments.push(toJson(t));
    for (const r of byRoot.get(t.id) ?? []) comments.push(toJson(r));
  }
  const last = page[page.length - 1];
  return {
    thread: { url: thread.url, title: thread.title, count: countApproved.get(thread.id)!.n },
    comments,
    nextCursor:
      top.length > PAGE && last
        ? Buffer.from(`${last.created_at}.${last.id}`).toString('base64url')
        : null,
  };
}

/** The ceiling: the same bytes, serialised once and kept, so only Hono and Node's HTTP remain per request. */
const fromMemory = new Map<string, string>();

const app = new Hono()
  .get('/api/threads', (c) => c.json(threadJson(c.req.query('url') ?? '')))
  .get('/memory/threads', (c) => {
    const url = c.req.query('url') ?? '';
    let body = fromMemory.get(url);
    if (body === undefined) {
      body = JSON.stringify(threadJson(url));
      fromMemory.set(url, body);
    }
    return c.body(body, 200, { 'content-type': 'application/json' });
  });

serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 8788), hostname: '127.0.0.1' },
  (info) => {
    process.stdout.write(`baseline listening on http://127.0.0.1:${info.port}/\n`);
  },
);
