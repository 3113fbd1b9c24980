import { sql } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import type { CommentRecord, NewComment, ThreadRecord } from './store.js';

type Inserted = { comment: CommentRecord; thread: ThreadRecord };

interface Pending {
  req: NewComment;
  resolve(value: Inserted): void;
  reject(err: unknown): void;
}

/**
 * SQLite with group commit. With `synchronous = FULL` every commit waits for an fsync (milliseconds on
 * most disks), which alone would cap posting at a few hundred comments a second. New comments that
 * arrive in the same turn of the event loop are written in one transaction, each inside its own
 * savepoint, and committed with one fsync; none is acknowledged before that commit, so every 201 is
 * still on disk. A failing comment (a duplicate, a vanished parent) rolls back to its savepoint and
 * fails alone.
 */
export class GroupCommitSqliteStore extends KyselyStore {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  override insertComment(req: NewComment): Promise<Inserted> {
    return new Promise<Inserted>((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      // Everything that reaches this point before the event loop's check phase joins the batch.
      if (this.queue.length === 1) this.flushing = new Promise<void>((done) => setImmediate(() => void this.flush().finally(done)));
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 1) {
      const only = batch[0]!;
      await super.insertComment(only.req).then(only.resolve, only.reject);
      return;
    }
    const results: ({ ok: true; value: Inserted } | { ok: false; error: unknown })[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const item of batch) {
          await sql`savepoint one_comment`.execute(trx);
          try {
            results.push({ ok: true, value: await this.insertCommentIn(trx, item.req) });
          } catch (error) {
            results.push({ ok: false, error });
            await sql`rollback to one_comment`.execute(trx);
          }
          await sql`release one_comment`.execute(trx);
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const r = results[i]!;
      if (r.ok) item.resolve(r.value);
      else item.reject(r.error);
    });
  }

  override async close(): Promise<void> {
    // The latest flush was scheduled after every comment still queued.
    await this.flushing;
    return super.close();
  }
}
