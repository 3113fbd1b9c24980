import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { Database } from '../database.js';
import { importStagingMigration } from './import-staging.js';
import { newsroomMigration } from './newsroom.js';
import { rekeyThreads } from './rekey-threads.js';
import { sitesMigration } from './sites.js';

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
          .addColumn('id', id, (c) =>
            engine === 'sqlite'
              ? c.primaryKey().autoIncrement()
              : c.primaryKey().generatedByDefaultAsIdentity(),
          )
          .addColumn('url', 'text', (c) => c.notNull().unique())
          .addColumn('title', 'text')
          .addColumn('created_at', epochMs, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('comments')
          .addColumn('id', id, (c) =>
            engine === 'sqlite'
              ? c.primaryKey().autoIncrement()
              : c.primaryKey().generatedByDefaultAsIdentity(),
          )
          .addColumn('thread_id', id, (c) =>
            c.notNull().references('threads.id').onDelete('cascade'),
          )
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
        await sql`create index comments_top_level on comments (thread_id, created_at, id) where parent_id is null`.execute(
          db,
        );
        await db.schema
          .createIndex('comments_root')
          .on('comments')
          .columns(['root_id', 'created_at', 'id'])
          .execute();
        await db.schema
          .createIndex('comments_thread_status')
          .on('comments')
          .columns(['thread_id', 'status'])
          .execute();
        await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
        await db.schema
          .createIndex('comments_email')
          .on('comments')
          .columns(['author_email', 'status'])
          .execute();
        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '002-counters-claims': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('counters')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('hits', 'integer', (c) => c.notNull())
          .addColumn('reset_at', epochMs, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('claims')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('expires_at', epochMs, (c) => c.notNull())
          .execute();
        // The purge of expired rows scans by time.
        await db.schema
          .createIndex('counters_reset_at')
          .on('counters')
          .column('reset_at')
          .execute();
        await db.schema
          .createIndex('claims_expires_at')
          .on('claims')
          .column('expires_at')
          .execute();
      },
    },
    '003-admin-listing': {
      async up(db: Kysely<any>) {
        // The moderation queue lists newest first, over all comments or one status.
        await db.schema
          .createIndex('comments_status_created')
          .on('comments')
          .columns(['status', 'created_at', 'id'])
          .execute();
        await db.schema
          .createIndex('comments_created')
          .on('comments')
          .columns(['created_at', 'id'])
          .execute();
      },
    },
    '004-dedupe-ip-retention': {
      async up(db: Kysely<any>) {
        // Posts (not imports) carry a keyed fingerprint of author, parent and words: one author saying the same
        // thing twice in a thread stores once, however many requests race. The email is inside the hash rather
        // than a column of the index, so anonymising authors can never collide.
        await db.schema.alterTable('comments').addColumn('body_hash', 'text').execute();
        await sql`create unique index comments_dedupe on comments (thread_id, body_hash) where body_hash is not null`.execute(
          db,
        );
        // The hourly purge of old IP hashes only walks the rows that still have one.
        await sql`create index comments_ip_hash_age on comments (created_at) where ip_hash is not null`.execute(
          db,
        );
      },
    },
    '005-thread-counts': {
      async up(db: Kysely<any>) {
        // A thread's approved-comment count, kept by triggers on every write to comments (whoever makes it:
        // readers, moderation, imports, erasure), so opening a thread of 10,000 comments or counting 100
        // threads reads one row each instead of counting. Derived data: `confab migrate` does not copy it,
        // the triggers rebuild it as the comments arrive.
        await db.schema
          .createTable('thread_counts')
          .addColumn('thread_id', id, (c) =>
            c.primaryKey().references('threads.id').onDelete('cascade'),
          )
          .addColumn('approved', id, (c) => c.notNull().defaultTo(0))
          .execute();
        await sql`insert into thread_counts (thread_id, approved)
          select thread_id, count(*) from comments where status = 'approved' group by thread_id`.execute(
          db,
        );
        if (engine === 'sqlite') {
          await sql`create trigger comments_count_insert after insert on comments when new.status = 'approved' begin
            insert into thread_counts (thread_id, approved) values (new.thread_id, 1)
              on conflict (thread_id) do update set approved = approved + 1;
          end`.execute(db);
          await sql`create trigger comments_count_delete after delete on comments when old.status = 'approved' begin
            update thread_counts set approved = approved - 1 where thread_id = old.thread_id;
          end`.execute(db);
          await sql`create trigger comments_count_update after update of status, thread_id on comments
            when (old.status = 'approved' or new.status = 'approved') and (old.status <> new.status or old.thread_id <> new.thread_id) begin
            update thread_counts set approved = approved - 1 where thread_id = old.thread_id and old.status = 'approved';
            insert into thread_counts (thread_id, approved) select new.thread_id, 1 where new.status = 'approved'
              on conflict (thread_id) do update set approved = approved + 1;
          end`.execute(db);
        } else {
          await sql`create function confab_count_comment() returns trigger language plpgsql as $$
            begin
              if tg_op = 'UPDATE' and old.status = new.status and old.thread_id = new.thread_id then
                return null;
              end if;
              if tg_op in ('UPDATE', 'DELETE') and old.status = 'approved' then
                update thread_counts set approved = approved - 1 where thread_id = old.thread_id;
              end if;
              if tg_op in ('UPDATE', 'INSERT') and new.status = 'approved' then
                insert into thread_counts (thread_id, approved) values (new.thread_id, 1)
                  on conflict (thread_id) do update set approved = thread_counts.approved + 1;
              end if;
              return null;
            end
          $$`.execute(db);
          await sql`create trigger comments_count after insert or delete or update of status, thread_id on comments
            for each row execute function confab_count_comment()`.execute(db);
        }
      },
    },
    '006-partial-reply-indexes': {
      async up(db: Kysely<any>) {
        // Top-level comments have neither a parent nor a root, and nothing ever looks them up by a null one:
        // leaving them out of these two indexes spares every new top-level comment two index writes.
        await sql`drop index comments_root`.execute(db);
        await sql`create index comments_root on comments (root_id, created_at, id) where root_id is not null`.execute(
          db,
        );
        await sql`drop index comments_parent`.execute(db);
        await sql`create index comments_parent on comments (parent_id) where parent_id is not null`.execute(
          db,
        );
      },
    },
    '007-mail': {
      async up(db: Kysely<any>) {
        await db.schema
          .alterTable('comments')
          .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('mail_outbox')
          .addColumn('id', id, (c) =>
            engine === 'sqlite'
              ? c.primaryKey().autoIncrement()
              : c.primaryKey().generatedByDefaultAsIdentity(),
          )
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('recipient', 'text')
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('comment_id', id)
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', epochMs, (c) => c.notNull())
          .addColumn('lease_until', epochMs)
          .addColumn('sent_at', epochMs)
          .addColumn('last_error', 'text')
          .addColumn('created_at', epochMs, (c) => c.notNull())
          .execute();
        // The worker only ever looks for mail still to go, by when it is due.
        await sql`create index mail_outbox_due on mail_outbox (next_attempt_at, id) where state in ('queued', 'digest')`.execute(
          db,
        );
        // The per-recipient hourly limit counts what went out lately.
        await sql`create index mail_outbox_recipient on mail_outbox (recipient, sent_at) where recipient is not null`.execute(
          db,
        );
        await db.schema
          .createTable('mail_subscriptions')
          .addColumn('id', id, (c) =>
            engine === 'sqlite'
              ? c.primaryKey().autoIncrement()
              : c.primaryKey().generatedByDefaultAsIdentity(),
          )
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('thread_id', id, (c) =>
            c.notNull().references('threads.id').onDelete('cascade'),
          )
          .addColumn('comment_id', id, (c) => c.references('comments.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('created_at', epochMs, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('mail_subscriptions_thread')
          .on('mail_subscriptions')
          .columns(['thread_id', 'kind'])
          .execute();
        await db.schema
          .createIndex('mail_subscriptions_comment')
          .on('mail_subscriptions')
          .column('comment_id')
          .execute();
        await db.schema
          .createIndex('mail_subscriptions_email')
          .on('mail_subscriptions')
          .column('email')
          .execute();
        await db.schema
          .createTable('mail_addresses')
          .addColumn('email', 'text', (c) => c.primaryKey())
          .addColumn('verified_at', epochMs)
          .addColumn('confirm_sent_at', epochMs)
          .execute();
        await db.schema
          .createTable('mail_proofs')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('created_at', epochMs, (c) => c.notNull())
          .execute();
      },
    },
    '008-rfc3986-thread-keys': {
      // Thread keys now follow RFC 3986 §6.2.2 and ignore a trailing slash (server/domain/url-key.ts).
      up: (db: Kysely<any>) => rekeyThreads(db),
    },
    '009-newsroom': newsroomMigration(engine),
    '010-sites': sitesMigration(engine),
    '011-import-staging': importStagingMigration(engine),
  };
}

/**
 * Brings the schema up to date, or closes the database and throws: nothing may run on a schema this code
 * does not know. On PostgreSQL, Kysely's migrator holds a session-level advisory lock (pg_advisory_lock)
 * around the whole run, so instances starting together apply each migration exactly once
 * (tests/server/store-postgres.test.ts).
 */
export async function migrateToLatest(db: Kysely<Database>, engine: Engine): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(engine) },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
}
