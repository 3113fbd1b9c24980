import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from './database.js';
import { num, numOrNull } from './rows.js';
import type {
  CommentMail,
  MailSubscription,
  NewOutboxMessage,
  OutboxKind,
  OutboxMessage,
  OutboxOutcome,
} from './store.js';

type Db = Kysely<Database>;
type OutboxRow = Selectable<Database['mail_outbox']>;

/** A second confirmation to an address that has not answered the first waits this long. */
const CONFIRM_AGAIN_AFTER_MS = 24 * 3600_000;

function toOutboxMessage(r: OutboxRow): OutboxMessage {
  return {
    id: num(r.id),
    kind: r.kind as OutboxKind,
    recipient: r.recipient,
    lang: r.lang,
    commentId: numOrNull(r.comment_id),
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    state: r.state as 'queued' | 'digest',
    attempts: num(r.attempts),
  };
}

function outboxValues(m: NewOutboxMessage, commentId: number | null) {
  return {
    kind: m.kind,
    recipient: m.recipient,
    lang: m.lang,
    comment_id: commentId,
    payload: JSON.stringify(m.payload ?? {}),
    state: 'queued' as const,
    attempts: 0,
    next_attempt_at: m.at,
    created_at: m.at,
  };
}

export async function writeOutbox(
  trx: Db,
  messages: readonly NewOutboxMessage[],
  commentId: number | null,
): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto('mail_outbox')
    .values(messages.map((m) => outboxValues(m, commentId)))
    .execute();
}

/** The mail of a new comment, inside the comment's transaction. */
export async function writeCommentMail(
  trx: Db,
  mail: CommentMail,
  comment: { id: number; threadId: number; createdAt: number },
): Promise<void> {
  await writeOutbox(trx, mail.outbox, comment.id);
  const sub = mail.subscription;
  if (!sub) return;
  await trx
    .insertInto('mail_subscriptions')
    .values({
      email: sub.email,
      thread_id: comment.threadId,
      comment_id: sub.kind === 'replies' ? comment.id : null,
      kind: sub.kind,
      lang: sub.lang,
      created_at: comment.createdAt,
    })
    .execute();
  // Only an address that has not confirmed and was not asked lately is asked (again): a stranger typing
  // someone's address cannot flood them.
  const asked = await trx
    .insertInto('mail_addresses')
    .values({ email: sub.email, verified_at: null, confirm_sent_at: comment.createdAt })
    .onConflict((oc) =>
      oc
        .column('email')
        .doUpdateSet({ confirm_sent_at: comment.createdAt })
        .where('mail_addresses.verified_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('mail_addresses.confirm_sent_at', 'is', null),
            eb('mail_addresses.confirm_sent_at', '<=', comment.createdAt - CONFIRM_AGAIN_AFTER_MS),
          ]),
        ),
    )
    .returning('email')
    .executeTakeFirst();
  if (asked) {
    await writeOutbox(
      trx,
      [{ kind: 'confirm', recipient: sub.email, lang: sub.lang, at: comment.createdAt }],
      comment.id,
    );
  }
}

/** Due, unleased messages, leased to the caller; PostgreSQL instances skip rows another one is taking. */
export async function claimOutbox(
  db: Db,
  engine: 'sqlite' | 'postgres',
  req: { now: number; leaseMs: number; limit: number },
): Promise<OutboxMessage[]> {
  const rows = await db
    .updateTable('mail_outbox')
    .set({ lease_until: req.now + req.leaseMs, attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('state', 'in', ['queued', 'digest'])
        .where('next_attempt_at', '<=', req.now)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', req.now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(req.limit)
        .$if(engine === 'postgres', (qb) => qb.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  return rows.map(toOutboxMessage).sort((a, b) => a.id - b.id);
}

export async function claimDigest(
  db: Db,
  engine: 'sqlite' | 'postgres',
  req: { recipient: string; now: number; leaseMs: number },
): Promise<OutboxMessage[]> {
  const rows = await db
    .updateTable('mail_outbox')
    .set({ lease_until: req.now + req.leaseMs })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('state', '=', 'digest')
        .where('recipient', '=', req.recipient)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', req.now)]))
        .$if(engine === 'postgres', (qb) => qb.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  return rows.map(toOutboxMessage).sort((a, b) => a.id - b.id);
}

export async function fanOut(db: Db, req: { id: number; now: number }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const event = await trx
      .selectFrom('mail_outbox')
      .select(['comment_id', 'state'])
      .where('id', '=', req.id)
      .executeTakeFirst();
    const commentId = numOrNull(event?.comment_id);
    let written = 0;
    const comment =
      event?.state === 'queued' && commentId !== null
        ? await trx
            .selectFrom('comments')
            .select(['id', 'thread_id', 'parent_id', 'author_email', 'status'])
            .where('id', '=', commentId)
            .executeTakeFirst()
        : undefined;
    if (comment?.status === 'approved') {
      const subs = await trx
        .selectFrom('mail_subscriptions as s')
        .innerJoin('mail_addresses as a', 'a.email', 's.email')
        .select(['s.email', 's.kind', 's.lang', 's.id'])
        .where('a.verified_at', 'is not', null)
        .where('s.email', '<>', comment.author_email)
        .where((eb) =>
          eb.or([
            eb.and([eb('s.kind', '=', 'thread'), eb('s.thread_id', '=', comment.thread_id)]),
            ...(comment.parent_id === null
              ? []
              : [
                  eb.and([
                    eb('s.kind', '=', 'replies'),
                    eb('s.comment_id', '=', comment.parent_id),
                  ]),
                ]),
          ]),
        )
        .orderBy('s.id')
        .execute();
      // One message per address: a reply to someone who also follows the whole thread says "reply".
      const byEmail = new Map<string, (typeof subs)[number]>();
      for (const s of subs) {
        const seen = byEmail.get(s.email);
        if (!seen || (seen.kind === 'thread' && s.kind === 'replies')) byEmail.set(s.email, s);
      }
      const messages: NewOutboxMessage[] = [...byEmail.values()].map((s) => ({
        kind: s.kind === 'replies' ? 'reply' : 'thread',
        recipient: s.email,
        lang: s.lang,
        payload: { subscriptionId: num(s.id) },
        at: req.now,
      }));
      await writeOutbox(trx, messages, num(comment.id));
      written = messages.length;
    }
    await trx
      .updateTable('mail_outbox')
      .set({ state: 'sent', sent_at: req.now, lease_until: null })
      .where('id', '=', req.id)
      .execute();
    return written;
  });
}

export async function settleOutbox(
  db: Db,
  req: { ids: readonly number[]; outcome: OutboxOutcome },
): Promise<void> {
  if (req.ids.length === 0) return;
  const o = req.outcome;
  let values: Updateable<Database['mail_outbox']>;
  if (o.state === 'sent') values = { state: o.state, sent_at: o.at, lease_until: null };
  else if (o.state === 'queued' || o.state === 'digest')
    values = {
      state: o.state,
      next_attempt_at: o.dueAt,
      lease_until: null,
      last_error: o.error ?? null,
    };
  else values = { state: o.state, last_error: o.error, lease_until: null };
  await db
    .updateTable('mail_outbox')
    .set(values)
    .where('id', 'in', [...req.ids])
    .execute();
}

export async function countSentTo(
  db: Db,
  req: { recipient: string; since: number },
): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('recipient', '=', req.recipient)
    .where('sent_at', '>', req.since)
    .executeTakeFirstOrThrow();
  return num(row.n);
}

export async function confirmAddress(
  db: Db,
  req: { email: string; now: number; proofHash: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mail_addresses')
      .values({ email: req.email, verified_at: req.now, confirm_sent_at: null })
      .onConflict((oc) =>
        oc
          .column('email')
          .doUpdateSet({ verified_at: sql`coalesce(mail_addresses.verified_at, ${req.now})` }),
      )
      .execute();
    await trx
      .insertInto('mail_proofs')
      .values({ token_hash: req.proofHash, email: req.email, created_at: req.now })
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .execute();
  });
}

export async function isConfirmed(db: Db, req: { email: string }): Promise<boolean> {
  const row = await db
    .selectFrom('mail_addresses')
    .select('verified_at')
    .where('email', '=', req.email)
    .executeTakeFirst();
  return row?.verified_at != null;
}

export async function proofEmail(db: Db, req: { proofHash: string }): Promise<string | undefined> {
  const row = await db
    .selectFrom('mail_proofs')
    .select('email')
    .where('token_hash', '=', req.proofHash)
    .executeTakeFirst();
  return row?.email;
}

export async function listSubscriptions(
  db: Db,
  req: { email: string },
): Promise<MailSubscription[]> {
  const rows = await db
    .selectFrom('mail_subscriptions as s')
    .innerJoin('threads as t', 't.id', 's.thread_id')
    .select(['s.id', 's.email', 's.kind', 's.lang', 's.comment_id', 's.created_at', 't.url'])
    .where('s.email', '=', req.email)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: num(r.id),
    email: r.email,
    kind: r.kind,
    lang: r.lang,
    threadUrl: r.url,
    commentId: numOrNull(r.comment_id),
    createdAt: num(r.created_at),
  }));
}

export async function unsubscribe(db: Db, req: { id: number; email: string }): Promise<boolean> {
  const res = await db
    .deleteFrom('mail_subscriptions')
    .where('id', '=', req.id)
    .where('email', '=', req.email)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Everything mail keeps about an address, for the right to erasure (inside its transaction). */
export async function eraseMailOf(trx: Db, email: string): Promise<void> {
  await trx.deleteFrom('mail_subscriptions').where('email', '=', email).execute();
  await trx.deleteFrom('mail_proofs').where('email', '=', email).execute();
  await trx.deleteFrom('mail_addresses').where('email', '=', email).execute();
  await trx.deleteFrom('mail_outbox').where('recipient', '=', email).execute();
}
