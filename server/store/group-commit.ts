import { KyselyStore } from './kysely-store.js';
import {
  type CommentRecord,
  type NewComment,
  StoreUnavailableError,
  type ThreadRecord,
} from './store.js';

type Inserted = { comment: CommentRecord; thread: ThreadRecord };

interface Pending {
  req: NewComment;
  resolve(value: Inserted): void;
  reject(err: unknown): void;
}

/**
 * Group commit, for both engines. Every commit waits for the disk: an fsync with SQLite's
 * `synchronous = FULL`, a WAL flush with PostgreSQL's `synchronous_commit = on`; one per comment would cap
 * posting at a few hundred a second, and on PostgreSQL each post to a thread would also queue for its
 * count row one transaction at a time. New comments that arrive in the same turn of the event loop are
 * written in one transaction and committed once; none is acknowledged before that commit, so every 201 is
 * still on disk. When one of them cannot be stored (a duplicate, a vanished parent), the batch is rolled
 * back and each comment is written again in a transaction of its own, so only that one fails.
 */
export class GroupCommitStore extends KyselyStore {
  private queue: Pending[] = [];
  /** The batch being written. One at a time: comments arriving meanwhile wait and form the next batch,
   * so a burst makes a few large transactions instead of many that queue on the same rows (and, on
   * PostgreSQL, hold every pooled connection that readers need). */
  private flushing: Promise<void> | null = null;

  override insertComment(req: NewComment): Promise<Inserted> {
    return new Promise<Inserted>((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      // Everything that reaches this point before the event loop's check phase joins the batch.
      if (this.queue.length === 1 && !this.flushing) this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    this.flushing = new Promise<void>((done) =>
      setImmediate(
        () =>
          void this.flush().finally(() => {
            this.flushing = null;
            if (this.queue.length > 0) this.scheduleFlush();
            done();
          }),
      ),
    );
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 1) {
      let inserted: Inserted[];
      try {
        inserted = await this.db.transaction().execute(async (trx) => {
          const threads = new Map<string, ThreadRecord>();
          const out: Inserted[] = [];
          for (const item of batch) out.push(await this.insertCommentIn(trx, item.req, threads));
          return out;
        });
      } catch (err) {
        // The database went away: whether the commit landed is unknown, and writing each again could store
        // it twice. Every comment of the batch gets the error (503), as a lone one would.
        if (err instanceof StoreUnavailableError) {
          for (const item of batch) item.reject(err);
          return;
        }
        // One of them cannot be stored (a duplicate, a vanished parent): nothing of the batch was kept.
        // Each goes again on its own, so only the failing one fails.
        inserted = [];
      }
      if (inserted.length === batch.length) {
        for (const [i, item] of batch.entries()) item.resolve(inserted[i]!);
        return;
      }
    }
    for (const item of batch) await super.insertComment(item.req).then(item.resolve, item.reject);
  }

  override async close(): Promise<void> {
    // A flush that ends with comments queued schedules the next one before it settles.
    while (this.flushing) await this.flushing;
    return super.close();
  }
}
