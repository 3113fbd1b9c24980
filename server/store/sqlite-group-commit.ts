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
 * arrive in the same turn of the event loop are written in one transaction and committed with one
 * fsync; none is acknowledged before that commit, so every 201 is still on disk. When one of them
 * cannot be stored (a duplicate, a vanished parent), the batch is rolled back and each comment is written
 * again in a transaction of its own, so only that one fails.
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
    if (batch.length > 1) {
      let inserted: Inserted[];
      try {
        inserted = await this.db.transaction().execute(async (trx) => {
          const out: Inserted[] = [];
          for (const item of batch) out.push(await this.insertCommentIn(trx, item.req));
          return out;
        });
      } catch {
        // One of them cannot be stored (a duplicate, a vanished parent), or the commit failed: nothing of
        // the batch was kept. Each goes again on its own, so only the failing one fails.
        inserted = [];
      }
      if (inserted.length === batch.length) {
        batch.forEach((item, i) => item.resolve(inserted[i]!));
        return;
      }
    }
    for (const item of batch) await super.insertComment(item.req).then(item.resolve, item.reject);
  }

  override async close(): Promise<void> {
    // The latest flush was scheduled after every comment still queued.
    await this.flushing;
    return super.close();
  }
}
