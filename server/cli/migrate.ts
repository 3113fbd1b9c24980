import { existsSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { type Engine, engineOf } from '../config.js';
import type { Database } from '../store/database.js';
import { openPostgresDatabase } from '../store/postgres.js';
import { openSqliteDatabase, sqlitePathFromUrl } from '../store/sqlite.js';

/** What a site is made of, copied in this order so parents exist before the rows that reference them. */
const COPIED = [
  { table: 'settings', key: 'key', identity: false },
  { table: 'sites', key: 'id', identity: false },
  { table: 'threads', key: 'id', identity: true },
  { table: 'comments', key: 'id', identity: true },
  { table: 'comment_likes', key: 'id', identity: true },
  { table: 'bans', key: 'id', identity: true },
  { table: 'mail_addresses', key: 'email', identity: false },
  { table: 'mail_proofs', key: 'token_hash', identity: false },
  { table: 'mail_subscriptions', key: 'id', identity: true },
] as const;

/**
 * Each database builds these itself, or they only matter for minutes (rate-limit windows, used solutions);
 * thread_counts is rebuilt by the destination's triggers as the comments arrive.
 */
const NOT_COPIED = new Set([
  'kysely_migration',
  'kysely_migration_lock',
  'counters',
  'claims',
  'thread_counts',
  // Mail still to go belongs to the server being retired: it sends it before it is stopped.
  'mail_outbox',
  // What an import holds while it runs; the server is stopped for a migration, so none is running.
  'imports',
  'import_threads',
  'import_comments',
]);

const BATCH_ROWS = 500;

export type MigrateCounts = Record<(typeof COPIED)[number]['table'], number>;

function engineOfUrl(url: string): Engine {
  const engine = engineOf(url);
  if (!engine)
    throw new Error(`"${url}" is neither file:… (SQLite) nor postgres://… (PostgreSQL).`);
  return engine;
}

/** Both ends are brought to the current schema first, as starting the server on them would. */
async function open(url: string, role: 'source' | 'destination'): Promise<Kysely<Database>> {
  if (engineOfUrl(url) === 'postgres') return openPostgresDatabase(url, { poolSize: 2 });
  const path = sqlitePathFromUrl(url);
  // Opening a missing file would create an empty database and "migrate" nothing.
  if (role === 'source' && !existsSync(path))
    throw new Error(`The source database ${path} does not exist.`);
  return openSqliteDatabase(path);
}

async function assertKnownTables(db: Kysely<Database>) {
  const known = new Set<string>([...COPIED.map((c) => c.table), ...NOT_COPIED]);
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const unknown = tables
    .filter((t) => (t.schema === undefined || t.schema === 'public') && !known.has(t.name))
    .map((t) => t.name);
  // A table added by a later migration must be listed above, or its rows would be left behind silently.
  if (unknown.length > 0)
    throw new Error(`The source has tables this version cannot copy: ${unknown.join(', ')}.`);
}

async function assertEmpty(db: Kysely<Database>) {
  for (const table of ['threads', 'comments'] as const) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row)
      throw new Error(`The destination already has ${table}; migrate into an empty database.`);
  }
}

/**
 * Copies a whole site from one database to another (SQLite → PostgreSQL when a site scales out), keeping
 * ids, threads, timestamps and settings, in batches inside one destination transaction: a failure leaves
 * the destination as it was. Stop the server first: writes made during the copy are not carried over.
 */
export async function migrateDatabase(fromUrl: string, toUrl: string): Promise<MigrateCounts> {
  if (fromUrl === toUrl) throw new Error('The source and the destination are the same database.');
  const toEngine = engineOfUrl(toUrl);
  const source = await open(fromUrl, 'source');
  try {
    const destination = await open(toUrl, 'destination');
    try {
      await assertKnownTables(source);
      await assertEmpty(destination);
      // Untyped views: the copier walks tables by name, and both ends share one schema.
      const counts: MigrateCounts = {
        settings: 0,
        sites: 0,
        threads: 0,
        comments: 0,
        comment_likes: 0,
        bans: 0,
        mail_addresses: 0,
        mail_proofs: 0,
        mail_subscriptions: 0,
      };
      // A read transaction on the source gives one consistent snapshot to copy.
      // biome-ignore lint/suspicious/noExplicitAny: the copier walks tables by name; both ends share one schema
      await (source as Kysely<any>).transaction().execute(async (src) => {
        // biome-ignore lint/suspicious/noExplicitAny: as above
        await (destination as Kysely<any>).transaction().execute(async (dst) => {
          for (const { table, key, identity } of COPIED) {
            let last: unknown;
            for (;;) {
              const rows = await src
                .selectFrom(table)
                .selectAll()
                .$if(last !== undefined, (qb) => qb.where(key, '>', last))
                .orderBy(key)
                .limit(BATCH_ROWS)
                .execute();
              if (rows.length === 0) break;
              await dst
                .insertInto(table)
                .values(rows)
                // A server started once on the destination made its own secret; the site's own must win.
                .$if(table === 'settings', (qb) =>
                  qb.onConflict((oc) =>
                    oc.column('key').doUpdateSet({ value: sql`excluded.value` }),
                  ),
                )
                .execute();
              counts[table] += rows.length;
              last = rows[rows.length - 1]![key];
            }
            if (identity && toEngine === 'postgres') {
              // Explicit ids leave the identity sequence behind; the next comment must not reuse an id.
              await sql`select setval(pg_get_serial_sequence(${table}, ${key}), coalesce((select max(${sql.ref(key)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
                dst,
              );
            }
          }
        });
      });
      return counts;
    } finally {
      await destination.destroy();
    }
  } finally {
    await source.destroy();
  }
}
