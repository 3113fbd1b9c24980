import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { toBanRecord, toCommentRecord, toThreadRecord } from './rows.js';
import {
  type BanRecord,
  type CommentRecord,
  DEFAULT_SITE_ID,
  type NewBan,
  type ThreadChanges,
  type ThreadRecord,
} from './store.js';

/**
 * The newsroom's verbs in Kysely (thread state, featured comments, likes, bans), shared by both engines.
 */

type Db = Kysely<Database>;

export async function getThread(db: Db, req: { url: string }): Promise<ThreadRecord | undefined> {
  const row = await db
    .selectFrom('threads')
    .selectAll()
    .where('url', '=', req.url)
    .executeTakeFirst();
  return row && toThreadRecord(row);
}

export async function updateThread(db: Db, req: ThreadChanges): Promise<ThreadRecord> {
  const set: Partial<Record<keyof Database['threads'], unknown>> = {};
  if (req.closed !== undefined) set.closed = req.closed === null ? null : Number(req.closed);
  if (req.title !== undefined) {
    set.title = req.title;
    set.title_updated_at = req.now;
  }
  if (req.titleLocked !== undefined) set.title_locked = Number(req.titleLocked);
  const row = await db
    .insertInto('threads')
    .values({
      url: req.url,
      title: null,
      created_at: req.now,
      site_id: req.siteId ?? DEFAULT_SITE_ID,
      ...set,
    } as never)
    .onConflict((oc) => oc.column('url').doUpdateSet(set as never))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toThreadRecord(row);
}

export async function listFeatured(
  db: Db,
  req: { threadId: number; limit: number },
): Promise<CommentRecord[]> {
  const rows = await db
    .selectFrom('comments')
    .selectAll()
    .where('thread_id', '=', req.threadId)
    .where('featured_at', 'is not', null)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id')
    .limit(req.limit)
    .execute();
  return rows.map(toCommentRecord);
}

/**
 * The count moves by one only when the like row was really added or removed, and as an increment: on
 * PostgreSQL a concurrent like's update then waits for this one and adds to its result, where a count
 * taken in the statement would miss the like not yet committed.
 */
export async function setLike(
  db: Db,
  req: { commentId: number; voterHash: string; liked: boolean; now: number },
): Promise<CommentRecord | undefined> {
  return db.transaction().execute(async (trx) => {
    const changed = req.liked
      ? await trx
          .insertInto('comment_likes')
          .columns(['comment_id', 'voter_hash', 'created_at'])
          .expression((eb) =>
            eb
              .selectFrom('comments')
              .select([
                'id',
                eb.val(req.voterHash).as('voter_hash'),
                eb.val(req.now).as('created_at'),
              ])
              .where('id', '=', req.commentId),
          )
          .onConflict((oc) => oc.columns(['comment_id', 'voter_hash']).doNothing())
          .returning('id')
          .executeTakeFirst()
      : await trx
          .deleteFrom('comment_likes')
          .where('comment_id', '=', req.commentId)
          .where('voter_hash', '=', req.voterHash)
          .returning('id')
          .executeTakeFirst();
    const row = changed
      ? await trx
          .updateTable('comments')
          .set((eb) => ({ likes: eb('likes', req.liked ? '+' : '-', 1) }))
          .where('id', '=', req.commentId)
          .returningAll()
          .executeTakeFirst()
      : await trx
          .selectFrom('comments')
          .selectAll()
          .where('id', '=', req.commentId)
          .executeTakeFirst();
    return row && toCommentRecord(row);
  });
}

export async function addBan(db: Db, req: NewBan): Promise<BanRecord> {
  const row = await db
    .insertInto('bans')
    .values({
      kind: req.kind,
      value: req.value,
      ip_key: req.ipKey,
      comment_id: req.commentId,
      reason: req.reason,
      created_by: req.createdBy,
      created_at: req.createdAt,
      expires_at: req.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toBanRecord(row);
}

const inForce = (now: number) => (qb: ReturnType<typeof bans>) =>
  qb.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
const bans = (db: Db) => db.selectFrom('bans').selectAll();

export async function listBans(db: Db, req: { now: number }): Promise<BanRecord[]> {
  const rows = await bans(db)
    .$call(inForce(req.now))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toBanRecord);
}

export async function removeBan(db: Db, req: { id: number }): Promise<boolean> {
  const res = await db.deleteFrom('bans').where('id', '=', req.id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
