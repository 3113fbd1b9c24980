import { sql, type Kysely, type Migration } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Migrations in code, so the bundle needs no files on disk; each takes the engine for the few type differences. */
export function migrations(engine: Engine): Record<string, Migration> {
  const id = engine === 'sqlite' ? 'integer' : 'bigint';
  const epochMs = engine === 'sqlite' ? 'integer' : 'bigint';
  return {
    '001-initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('threads')
          .addColumn('id', id, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()))
          .addColumn('url', 'text', (c) => c.notNull().unique())
          .addColumn('title', 'text')
          .addColumn('created_at', epochMs, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('comments')
          .addColumn('id', id, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()))
          .addColumn('thread_id', id, (c) => c.notNull().references('threads.id').onDelete('cascade'))
          .addColumn('parent_id', id, (c) => c.references('comments.id').onDelete('set null'))
          .addColumn('root_id', id)
          .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('author_name', 'text', (c) => c.notNull())
          .addColumn('author_email', 'text', (c) => c.notNull())
          .addColumn('author_website', 'text')
          .addColumn('avatar', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('html', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', epochMs, (c) => c.notNull())
          .addColumn('edited_at', epochMs)
          .addColumn('edit_token_hash', 'text')
          .addColumn('ip_hash', 'text')
          .execute();
        // Pages walk the top-level comments of one thread in time order: a partial index keeps that a range scan.
        await sql`create index comments_top_level on comments (thread_id, created_at, id) where parent_id is null`.execute(db);
        await db.schema.createIndex('comments_root').on('comments').columns(['root_id', 'created_at', 'id']).execute();
        await db.schema.createIndex('comments_thread_status').on('comments').columns(['thread_id', 'status']).execute();
        await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
        await db.schema.createIndex('comments_email').on('comments').columns(['author_email', 'status']).execute();
        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
  };
}
