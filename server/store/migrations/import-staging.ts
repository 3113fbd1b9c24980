import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from './index.js';

/**
 * Where an import holds what it read until every reply's parent is known (issue 15: a file of any size
 * imports in bounded memory). A file may list a reply before its parent, so nothing can be written as it
 * is read; these tables hold it instead of the heap. Rows belong to one run of `imports` and go with it,
 * whether the import ends well or not; a run abandoned by a crash is swept by a later import.
 */
export function importStagingMigration(engine: Engine): Migration {
  const id = engine === 'sqlite' ? 'integer' : 'bigint';
  const epochMs = engine === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('imports')
        .addColumn('id', id, (c) =>
          engine === 'sqlite'
            ? c.primaryKey().autoIncrement()
            : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('started_at', epochMs, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('import_threads')
        .addColumn('import_id', id, (c) => c.notNull().references('imports.id').onDelete('cascade'))
        // The file's own key for the thread (Disqus dsq:id, a WordPress permalink, a Confab export's url).
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('line', 'integer')
        // The thread key; null when the file's link is no usable address.
        .addColumn('url', 'text')
        .addColumn('title', 'text')
        .addColumn('created_at', epochMs)
        .addColumn('closed', 'integer')
        .addColumn('published_at', epochMs)
        .addColumn('title_locked', 'integer', (c) => c.notNull().defaultTo(0))
        // 1: created even when none of its comments is kept.
        .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
        // The stored thread, once the import has found or created it.
        .addColumn('thread_id', id)
        .addPrimaryKeyConstraint('import_threads_pk', ['import_id', 'seq'])
        .execute();
      // A key names one thread: the file's first with it.
      await sql`create unique index import_threads_key on import_threads (import_id, key)`.execute(
        db,
      );
      // Threads are taken by URL, the first of the file with each URL standing for the others.
      await sql`create index import_threads_url on import_threads (import_id, url, seq)`.execute(
        db,
      );

      await db.schema
        .createTable('import_comments')
        .addColumn('import_id', id, (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('thread_key', 'text', (c) => c.notNull())
        .addColumn('parent_key', 'text')
        .addColumn('wanted_id', id)
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text', (c) => c.notNull())
        .addColumn('author_website', 'text')
        // Null: drawn from the email when the comment is stored.
        .addColumn('avatar', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', epochMs)
        .addColumn('edited_at', epochMs)
        .addColumn('featured_at', epochMs)
        .addColumn('staff', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('likes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('refusal', 'text')
        .addColumn('message', 'text')
        // 1: a second comment with a key already taken, refused and out of every lookup by key.
        .addColumn('duplicate', 'integer', (c) => c.notNull().defaultTo(0))
        // Set once the comment is judged a keeper: the id it asks for, or the one it was numbered.
        .addColumn('file_id', id)
        // Parents-first order: a comment's generation is one more than its parent's.
        .addColumn('generation', 'integer')
        // Where the comment's replies hang once it is placed: itself, a stored twin, or its kept ancestor.
        .addColumn('placed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('anchor_id', id)
        .addColumn('anchor_depth', 'integer')
        .addColumn('anchor_root', id)
        .addPrimaryKeyConstraint('import_comments_pk', ['import_id', 'seq'])
        .execute();
      // Parents are found by key, replies by their parent's key, keepers numbered by time, and the
      // comments of a thread counted; each lookup is a range of one of these.
      await sql`create index import_comments_key on import_comments (import_id, key)`.execute(db);
      await sql`create index import_comments_parent on import_comments (import_id, parent_key)`.execute(
        db,
      );
      await sql`create index import_comments_time on import_comments (import_id, created_at, seq)`.execute(
        db,
      );
      await sql`create index import_comments_generation on import_comments (import_id, generation, seq)`.execute(
        db,
      );
      await sql`create index import_comments_thread on import_comments (import_id, thread_key)`.execute(
        db,
      );
    },
  };
}
