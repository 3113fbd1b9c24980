import { type Insertable, type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { CommentStatus } from '../schema/index.js';
import type { Database } from './database.js';
import { eraseMailOf } from './kysely-mail.js';
import { type CommentRow, num, numOrNull, toCommentRecord, toThreadRecord } from './rows.js';
import {
  type AdminCommentQuery,
  type AdminCommentRecord,
  type AuthorErasure,
  type AuthorErasureCounts,
  DEFAULT_SITE_ID,
  type ImportCounts,
  type ImportRequest,
  type PageCursor,
  type ThreadRecord,
} from './store.js';

/**
 * The admin side of the Store in Kysely (listing, counting, export, import, erasure), kept apart from
 * the reader's hot paths in kysely-store.ts. Both engines share it.
 */

type Db = Kysely<Database>;

function toRecord(
  r: CommentRow & { thread_url: string; thread_title: string | null },
): AdminCommentRecord {
  return { ...toCommentRecord(r), threadUrl: r.thread_url, threadTitle: r.thread_title };
}

function withThread(db: Db | Transaction<Database>) {
  return db
    .selectFrom('comments')
    .innerJoin('threads', 'threads.id', 'comments.thread_id')
    .selectAll('comments')
    .select(['threads.url as thread_url', 'threads.title as thread_title']);
}

/**
 * `%` and `_` in what the admin typed are literal characters, not wildcards. Both sides go through the
 * database's lower(): PostgreSQL folds every script, SQLite only ASCII (other letters then match exactly).
 */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export async function listAdminComments(
  db: Db,
  req: AdminCommentQuery,
): Promise<{ comments: AdminCommentRecord[]; next: PageCursor | null }> {
  const { status, url, search, after } = req;
  const rows = await withThread(db)
    .$if(status !== null, (qb) => qb.where('comments.status', '=', status!))
    .$if(url !== null, (qb) => qb.where('threads.url', '=', url!))
    .$if(req.siteId !== undefined, (qb) => qb.where('threads.site_id', '=', req.siteId!))
    .$if(search !== null, (qb) => {
      const p = likePattern(search!);
      return qb.where((eb) =>
        eb.or([
          sql<boolean>`lower(comments.body) like lower(${p}) escape '\\'`,
          sql<boolean>`lower(comments.author_name) like lower(${p}) escape '\\'`,
          sql<boolean>`lower(comments.author_email) like lower(${p}) escape '\\'`,
        ]),
      );
    })
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('comments.created_at', '<', after!.createdAt),
          eb.and([
            eb('comments.created_at', '=', after!.createdAt),
            eb('comments.id', '<', after!.id),
          ]),
        ]),
      ),
    )
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(req.limit + 1)
    .execute();
  const hasMore = rows.length > req.limit;
  const comments = (hasMore ? rows.slice(0, req.limit) : rows).map(toRecord);
  const last = comments[comments.length - 1];
  return { comments, next: hasMore && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export async function countByStatus(
  db: Db,
  req: { url: string | null; siteId?: string },
): Promise<Record<CommentStatus, number>> {
  const rows = await db
    .selectFrom('comments')
    .select(['comments.status', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(req.url !== null || req.siteId !== undefined, (qb) =>
      qb
        .innerJoin('threads', 'threads.id', 'comments.thread_id')
        .$if(req.url !== null, (q) => q.where('threads.url', '=', req.url!))
        .$if(req.siteId !== undefined, (q) => q.where('threads.site_id', '=', req.siteId!)),
    )
    .groupBy('comments.status')
    .execute();
  const counts: Record<CommentStatus, number> = { approved: 0, pending: 0, spam: 0, deleted: 0 };
  for (const r of rows) counts[r.status] = num(r.n);
  return counts;
}

export async function countThreads(db: Db, req: { siteId?: string }): Promise<number> {
  const row = await db
    .selectFrom('threads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(req.siteId !== undefined, (qb) => qb.where('site_id', '=', req.siteId!))
    .executeTakeFirstOrThrow();
  return num(row.n);
}

export async function listCommentsByEmail(
  db: Db,
  req: { email: string },
): Promise<AdminCommentRecord[]> {
  const rows = await withThread(db)
    .where('comments.author_email', '=', req.email)
    .orderBy('comments.id')
    .execute();
  return rows.map(toRecord);
}

export async function listLatestApproved(
  db: Db,
  req: { url: string | null; limit: number },
): Promise<{ thread: ThreadRecord | null; comments: AdminCommentRecord[] }> {
  let thread: ThreadRecord | null = null;
  if (req.url !== null) {
    const t = await db
      .selectFrom('threads')
      .selectAll()
      .where('url', '=', req.url)
      .executeTakeFirst();
    if (!t) return { thread: null, comments: [] };
    thread = toThreadRecord(t);
  }
  const rows = await withThread(db)
    .where('comments.status', '=', 'approved')
    .$if(thread !== null, (qb) => qb.where('comments.thread_id', '=', thread!.id))
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(req.limit)
    .execute();
  return { thread, comments: rows.map(toRecord) };
}

export async function exportAll(
  db: Db,
  req: { siteId?: string },
): Promise<{ threads: ThreadRecord[]; comments: AdminCommentRecord[] }> {
  const { siteId } = req;
  // One read transaction, so the threads and comments are of the same moment.
  return db.transaction().execute(async (trx) => {
    const threads = await trx
      .selectFrom('threads')
      .selectAll()
      .$if(siteId !== undefined, (qb) => qb.where('site_id', '=', siteId!))
      .orderBy('created_at')
      .orderBy('url')
      .execute();
    const comments = await withThread(trx)
      .$if(siteId !== undefined, (qb) => qb.where('threads.site_id', '=', siteId!))
      .orderBy('comments.id')
      .execute();
    return {
      threads: threads.map(toThreadRecord),
      comments: comments.map(toRecord),
    };
  });
}

/** Rows per multi-row statement: 19 columns × 500 stays far below both engines' parameter limits. */
const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) =>
    xs.slice(i * CHUNK, (i + 1) * CHUNK),
  );
/** What makes an imported comment one that is already stored. */
const sameComment = (threadId: number, createdAt: number, email: string, body: string) =>
  `${threadId}\u0000${createdAt}\u0000${email}\u0000${body}`;

interface Placed {
  id: number;
  depth: number;
  rootId: number;
}

export async function importAll(db: Db, req: ImportRequest): Promise<ImportCounts> {
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = {
      threadsCreated: 0,
      threadsExisting: 0,
      commentsImported: 0,
      commentsSkipped: 0,
    };
    const threadIds = new Map<string, number>();
    const existingThreads: number[] = [];
    for (const t of req.threads) {
      const existing = await trx
        .selectFrom('threads')
        .select('id')
        .where('url', '=', t.url)
        .executeTakeFirst();
      if (existing) {
        counts.threadsExisting += 1;
        await trx
          .updateTable('threads')
          .set({ title: t.title })
          .where('id', '=', existing.id)
          .where('title', 'is', null)
          .execute();
        threadIds.set(t.url, num(existing.id));
        existingThreads.push(num(existing.id));
      } else {
        const row = await trx
          .insertInto('threads')
          .values({
            url: t.url,
            title: t.title,
            created_at: t.createdAt,
            closed: t.closed === undefined || t.closed === null ? null : Number(t.closed),
            published_at: t.publishedAt ?? null,
            title_updated_at: t.title === null ? null : t.createdAt,
            title_locked: Number(t.titleLocked === true),
            site_id: req.siteId ?? DEFAULT_SITE_ID,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        counts.threadsCreated += 1;
        threadIds.set(t.url, num(row.id));
      }
    }

    // Read once what the checks need, then write in large batches: an import is one long transaction.
    const stored = new Map<string, Placed>();
    for (const ids of chunks(existingThreads)) {
      const rows = await trx
        .selectFrom('comments')
        .select(['id', 'thread_id', 'created_at', 'author_email', 'body', 'depth', 'root_id'])
        .where('thread_id', 'in', ids)
        .execute();
      for (const r of rows) {
        const id = num(r.id);
        stored.set(sameComment(num(r.thread_id), num(r.created_at), r.author_email, r.body), {
          id,
          depth: num(r.depth),
          rootId: numOrNull(r.root_id) ?? id,
        });
      }
    }
    const taken = new Set<number>();
    for (const ids of chunks(req.comments.map((c) => c.id))) {
      for (const r of await trx
        .selectFrom('comments')
        .select('id')
        .where('id', 'in', ids)
        .execute())
        taken.add(num(r.id));
    }
    const max = await trx
      .selectFrom('comments')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    // A file id already used here is replaced by one above every id stored or in the file.
    let nextId = req.comments.reduce((m, c) => Math.max(m, c.id), numOrNull(max?.m) ?? 0) + 1;

    /** File id → where that comment now lives. */
    const placed = new Map<number, Placed>();
    const rows: Insertable<Database['comments']>[] = [];
    for (const c of req.comments) {
      const threadId = threadIds.get(c.threadUrl);
      if (threadId === undefined)
        throw new Error(`import: thread ${c.threadUrl} is not in the request`);
      const parent = c.parentId === null ? null : placed.get(c.parentId);
      if (parent === undefined)
        throw new Error(
          `import: parent ${c.parentId} of comment ${c.id} comes later or not at all`,
        );
      const key = sameComment(threadId, c.createdAt, c.authorEmail, c.body);
      const duplicate = stored.get(key);
      if (duplicate) {
        placed.set(c.id, duplicate);
        counts.commentsSkipped += 1;
        continue;
      }
      const id = taken.has(c.id) ? nextId++ : c.id;
      const place = {
        id,
        depth: parent ? parent.depth + 1 : 0,
        rootId: parent ? parent.rootId : id,
      };
      placed.set(c.id, place);
      stored.set(key, place);
      rows.push({
        id,
        thread_id: threadId,
        parent_id: parent?.id ?? null,
        root_id: parent?.rootId ?? null,
        depth: place.depth,
        author_name: c.authorName,
        author_email: c.authorEmail,
        author_website: c.authorWebsite,
        avatar: c.avatar,
        body: c.body,
        html: c.html,
        status: c.status,
        created_at: c.createdAt,
        edited_at: c.editedAt,
        edit_token_hash: null,
        ip_hash: null,
        featured_at: c.featuredAt ?? null,
        staff: Number(c.staff === true),
        likes: c.likes ?? 0,
      });
    }
    // Parents come before their replies in `rows`, so every batch finds its parents stored.
    for (const batch of chunks(rows)) await trx.insertInto('comments').values(batch).execute();
    counts.commentsImported = rows.length;

    for (const s of req.settings) {
      await trx
        .insertInto('settings')
        .values(s)
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: s.value }))
        .execute();
    }

    for (const b of req.bans ?? []) {
      const same = await trx
        .selectFrom('bans')
        .select('id')
        .where('kind', '=', b.kind)
        .where('value', '=', b.value)
        .where('created_at', '=', b.createdAt)
        .executeTakeFirst();
      if (!same)
        await trx
          .insertInto('bans')
          .values({
            kind: b.kind,
            value: b.value,
            ip_key: b.ipKey,
            comment_id: b.commentId,
            reason: b.reason,
            created_by: b.createdBy,
            created_at: b.createdAt,
            expires_at: b.expiresAt,
          })
          .execute();
    }

    // PostgreSQL's identity sequence does not see explicit ids; without this the next post would collide.
    if (rows.length > 0 && trx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select setval(pg_get_serial_sequence('comments', 'id'), (select max(id) from comments))`.execute(
        trx,
      );
    }
    return counts;
  });
}

export async function eraseAuthor(db: Db, req: AuthorErasure): Promise<AuthorErasureCounts> {
  return db.transaction().execute(async (trx) => {
    let erased = 0;
    let placeholders = 0;
    if (req.eraseBodies) {
      const leaves = (extra: number[]) =>
        trx
          .selectFrom('comments')
          .select(['id', 'parent_id'])
          .where((eb) =>
            eb.and([
              extra.length === 0
                ? eb('author_email', '=', req.email)
                : eb.or([
                    eb('author_email', '=', req.email),
                    eb.and([
                      eb('id', 'in', extra),
                      eb('status', '=', 'deleted'),
                      eb('body', '=', ''),
                    ]),
                  ]),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('comments as r')
                    .select('r.id')
                    .whereRef('r.parent_id', '=', 'comments.id'),
                ),
              ),
            ]),
          )
          .execute();
      // Leaves first, level by level: a reply's removal may free its parent, and an empty
      // placeholder left without replies goes too.
      for (let batch = await leaves([]); batch.length > 0; ) {
        await trx
          .deleteFrom('comments')
          .where(
            'id',
            'in',
            batch.map((r) => r.id),
          )
          .execute();
        erased += batch.length;
        const parents = [
          ...new Set(
            batch.map((r) => numOrNull(r.parent_id)).filter((p): p is number => p !== null),
          ),
        ];
        batch = await leaves(parents);
      }
      const res = await trx
        .updateTable('comments')
        .set({ status: 'deleted', body: '', html: '' })
        .where('author_email', '=', req.email)
        .executeTakeFirst();
      placeholders = num(res.numUpdatedRows);
    }
    await eraseMailOf(trx, req.email);
    const res = await trx
      .updateTable('comments')
      .set({ author_name: req.anonymousName, author_email: '', author_website: null, avatar: '' })
      .where('author_email', '=', req.email)
      .executeTakeFirst();
    return { anonymised: num(res.numUpdatedRows), erased, placeholders };
  });
}
