import { type Kysely, sql, type Transaction } from 'kysely';
import type { CommentStatus } from '../schema/index.js';
import type { Database } from './database.js';
import { eraseMailOf } from './kysely-mail.js';
import { type CommentRow, num, numOrNull, toCommentRecord, toThreadRecord } from './rows.js';
import type {
  AdminCommentQuery,
  AdminCommentRecord,
  AuthorErasure,
  AuthorErasureCounts,
  PageCursor,
  ThreadRecord,
} from './store.js';

/**
 * The admin side of the Store in Kysely (listing, counting, export, erasure), kept apart from
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
