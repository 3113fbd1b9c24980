import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from './index.js';

/**
 * Running comments like a newsroom (issue 14): threads that close, titles that follow the page, featured
 * comments and staff replies, likes, and bans.
 */
export function newsroomMigration(engine: Engine): Migration {
  const id = engine === 'sqlite' ? 'integer' : 'bigint';
  const epochMs = engine === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('threads')
        // Null follows CONFAB_CLOSE_AFTER_DAYS; an admin's 1 (closed) or 0 (open) overrides it.
        .addColumn('closed', 'integer')
        .execute();
      await db.schema.alterTable('threads').addColumn('published_at', epochMs).execute();
      await db.schema.alterTable('threads').addColumn('title_updated_at', epochMs).execute();
      // 1 once an admin set the title: posts no longer change it.
      await db.schema
        .alterTable('threads')
        .addColumn('title_locked', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // A thread titled before this migration counts as titled when it was created.
      await sql`update threads set title_updated_at = created_at where title is not null`.execute(
        db,
      );

      await db.schema.alterTable('comments').addColumn('featured_at', epochMs).execute();
      await db.schema
        .alterTable('comments')
        .addColumn('staff', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('comments')
        .addColumn('likes', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // The first page of a thread lists its featured comments; few comments are, so the index is small.
      await sql`create index comments_featured on comments (thread_id, created_at, id) where featured_at is not null`.execute(
        db,
      );
      // sort=best walks the top-level comments of one thread, most liked first.
      await sql`create index comments_best on comments (thread_id, likes desc, created_at, id) where parent_id is null`.execute(
        db,
      );

      await db.schema
        .createTable('comment_likes')
        // A key of its own, so `confab migrate` can copy the table in batches like every other.
        .addColumn('id', id, (c) =>
          engine === 'sqlite'
            ? c.primaryKey().autoIncrement()
            : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('comment_id', id, (c) =>
          c.notNull().references('comments.id').onDelete('cascade'),
        )
        .addColumn('voter_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', epochMs, (c) => c.notNull())
        .execute();
      // One like per browser per comment, however many requests race.
      await db.schema
        .createIndex('comment_likes_voter')
        .on('comment_likes')
        .columns(['comment_id', 'voter_hash'])
        .unique()
        .execute();

      await db.schema
        .createTable('bans')
        .addColumn('id', id, (c) =>
          engine === 'sqlite'
            ? c.primaryKey().autoIncrement()
            : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        // The lower-cased email, or the keyed hash of the address a comment came from.
        .addColumn('value', 'text', (c) => c.notNull())
        // For an address: the day key its hash was made with, kept while the ban lives.
        .addColumn('ip_key', 'text')
        .addColumn('comment_id', id)
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', epochMs, (c) => c.notNull())
        .addColumn('expires_at', epochMs)
        .execute();
      await db.schema.createIndex('bans_value').on('bans').columns(['kind', 'value']).execute();
    },
  };
}
