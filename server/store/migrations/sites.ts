import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from './index.js';

/**
 * Many sites on one server (issue 14): each thread belongs to a site. Every thread stored before belongs
 * to `default`, the site the environment configures, so nothing changes for a server with one site.
 */
export function sitesMigration(engine: Engine): Migration {
  const epochMs = engine === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        // JSON arrays: a site has a handful of each, always read whole.
        .addColumn('origins', 'text', (c) => c.notNull())
        .addColumn('hosts', 'text', (c) => c.notNull())
        // The SHA-256 of the site's admin token; null while it has none.
        .addColumn('token_hash', 'text', (c) => c.unique())
        // JSON of the settings it overrides; the rest follow the environment's.
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', epochMs, (c) => c.notNull())
        .execute();
      await db.schema
        .alterTable('threads')
        .addColumn('site_id', 'text', (c) => c.notNull().defaultTo('default'))
        .execute();
      // A site's admin lists and counts only its own threads' comments.
      await sql`create index threads_site on threads (site_id, id)`.execute(db);
    },
  };
}
