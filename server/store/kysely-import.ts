import { PostgresAdapter, sql } from 'kysely';
import type {
  ImportedComment,
  ImportTransaction,
  StagedForPlacement,
  StagedPage,
} from './import-store.js';
import {
  chunks,
  type Db,
  flag,
  listStagedThreads,
  updateStaged,
  withThreadAndParent,
} from './kysely-staging.js';
import { num, numOrNull } from './rows.js';

/**
 * The transaction that writes an import (`ImportStore.runImport`), in Kysely for both engines: stored
 * threads found or created, the staged comments read parents first, and the comments the domain placed
 * stored as they are.
 */

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;
/** Any number, the same for every instance: PostgreSQL imports take turns on it. */
const IMPORT_LOCK = 0x636f6e66;

async function listStagedForPlacement(
  db: Db,
  importId: number,
  req: StagedPage<{ generation: number; seq: number }>,
): Promise<StagedForPlacement[]> {
  const { after } = req;
  const rows = await withThreadAndParent(db, importId)
    .selectAll('c')
    .select([
      't.url',
      't.thread_id',
      'p.seq as parent_seq',
      'p.placed as parent_placed',
      'p.anchor_id as parent_anchor_id',
      'p.anchor_depth as parent_anchor_depth',
      'p.anchor_root as parent_anchor_root',
      'pt.url as parent_url',
    ])
    .where('c.duplicate', '=', 0)
    .where('c.generation', 'is not', null)
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb(eb.refTuple('c.generation', 'c.seq'), '>', eb.tuple(after!.generation, after!.seq)),
      ),
    )
    .orderBy('c.generation')
    .orderBy('c.seq')
    .limit(req.limit)
    .execute();
  return rows.map((r) => ({
    seq: num(r.seq),
    key: r.key,
    line: num(r.line),
    parentKey: r.parent_key,
    authorName: r.author_name,
    authorEmail: r.author_email,
    authorWebsite: r.author_website,
    avatar: r.avatar,
    body: r.body,
    status: r.status,
    createdAt: numOrNull(r.created_at),
    editedAt: numOrNull(r.edited_at),
    featuredAt: numOrNull(r.featured_at),
    staff: num(r.staff) === 1,
    likes: num(r.likes),
    generation: num(r.generation),
    refusal: r.refusal,
    fileId: numOrNull(r.file_id),
    url: r.url ?? null,
    threadId: numOrNull(r.thread_id),
    parent:
      r.parent_seq === null
        ? null
        : {
            url: r.parent_url ?? null,
            placed: num(r.parent_placed) === 1,
            anchor:
              r.parent_anchor_id === null
                ? null
                : {
                    id: num(r.parent_anchor_id),
                    depth: num(r.parent_anchor_depth),
                    rootId: num(r.parent_anchor_root),
                  },
          },
  }));
}

/** The highest id a stored comment has or a kept comment of the import asks for (0 when none). */
async function highestIds(trx: Db, importId: number): Promise<number> {
  const stored = await trx
    .selectFrom('comments')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  const staged = await trx
    .selectFrom('import_comments')
    .select((eb) => eb.fn.max('file_id').as('m'))
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return Math.max(numOrNull(stored?.m) ?? 0, numOrNull(staged?.m) ?? 0);
}

/** The verbs of one import's transaction over `trx`. */
function importTransaction(trx: Db, importId: number): ImportTransaction {
  /** SQLite's next new id, once one was asked for. */
  let next: number | null = null;
  return {
    listStagedThreads: (req) => listStagedThreads(trx, { importId, ...req }),

    async placeThread({ thread: t, siteId }) {
      const existing = await trx
        .selectFrom('threads')
        .select('id')
        .where('url', '=', t.url)
        .executeTakeFirst();
      let id: number;
      if (existing) {
        id = num(existing.id);
        await trx
          .updateTable('threads')
          .set({ title: t.title })
          .where('id', '=', id)
          .where('title', 'is', null)
          .execute();
      } else {
        const row = await trx
          .insertInto('threads')
          .values({
            url: t.url,
            title: t.title,
            created_at: t.createdAt,
            closed: t.closed === null ? null : flag(t.closed),
            published_at: t.publishedAt,
            title_updated_at: t.title === null ? null : t.createdAt,
            title_locked: flag(t.titleLocked),
            site_id: siteId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = num(row.id);
      }
      await trx
        .updateTable('import_threads')
        .set({ thread_id: id })
        .where('import_id', '=', importId)
        .where('url', '=', t.url)
        .execute();
      return { id, created: !existing };
    },

    listStagedForPlacement: (req) => listStagedForPlacement(trx, importId, req),

    async findTwins(req) {
      if (req.threadIds.length === 0 || req.createdAts.length === 0) return [];
      const rows = await trx
        .selectFrom('comments')
        .select(['id', 'thread_id', 'created_at', 'author_email', 'body', 'depth', 'root_id'])
        .where('thread_id', 'in', [...req.threadIds])
        .where('created_at', 'in', [...req.createdAts])
        .execute();
      return rows.map((r) => {
        const id = num(r.id);
        return {
          id,
          threadId: num(r.thread_id),
          createdAt: num(r.created_at),
          authorEmail: r.author_email,
          body: r.body,
          depth: num(r.depth),
          rootId: numOrNull(r.root_id) ?? id,
        };
      });
    },

    async findTakenIds(req) {
      const taken = new Set<number>();
      for (const ids of chunks(req.ids))
        for (const r of await trx
          .selectFrom('comments')
          .select('id')
          .where('id', 'in', ids)
          .execute())
          taken.add(num(r.id));
      return taken;
    },

    async newIds(req) {
      if (req.count === 0) return [];
      if (isPostgres(trx)) {
        const { rows } = await sql<{
          id: string;
        }>`select nextval(pg_get_serial_sequence('comments', 'id')) as id
          from generate_series(1, ${req.count})`.execute(trx);
        return rows.map((r) => num(r.id)).sort((a, b) => a - b);
      }
      // SQLite has one writer, this transaction: counting on from the highest id taken is enough.
      next ??= (await highestIds(trx, importId)) + 1;
      const from = next;
      next += req.count;
      return Array.from({ length: req.count }, (_, i) => from + i);
    },

    async insertComments(req) {
      for (const batch of chunks(req.comments))
        await trx.insertInto('comments').values(batch.map(toRow)).execute();
    },

    markPlaced: (req) =>
      updateStaged(
        trx,
        importId,
        [
          ['placed', 'integer'],
          ['anchor_id', 'bigint'],
          ['anchor_depth', 'integer'],
          ['anchor_root', 'bigint'],
        ],
        req.placed.map((p) => [
          p.seq,
          1,
          p.anchor?.id ?? null,
          p.anchor?.depth ?? null,
          p.anchor?.rootId ?? null,
        ]),
      ),

    async putSettings(req) {
      for (const s of req.settings)
        await trx
          .insertInto('settings')
          .values(s)
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: s.value }))
          .execute();
    },

    async addBans(req) {
      for (const b of req.bans) {
        const same = await trx
          .selectFrom('bans')
          .select('id')
          .where('kind', '=', b.kind)
          .where('value', '=', b.value)
          .where('created_at', '=', b.createdAt)
          .executeTakeFirst();
        if (!same)
          await trx
            .insertInto('bans')
            .values({
              kind: b.kind,
              value: b.value,
              ip_key: b.ipKey,
              comment_id: b.commentId,
              reason: b.reason,
              created_by: b.createdBy,
              created_at: b.createdAt,
              expires_at: b.expiresAt,
            })
            .execute();
      }
    },
  };
}

function toRow(c: ImportedComment) {
  return {
    id: c.id,
    thread_id: c.threadId,
    parent_id: c.parentId,
    // A top-level comment's root is itself, which the column leaves null (rows.ts).
    root_id: c.parentId === null ? null : c.rootId,
    depth: c.depth,
    author_name: c.authorName,
    author_email: c.authorEmail,
    author_website: c.authorWebsite,
    avatar: c.avatar,
    body: c.body,
    html: c.html,
    status: c.status,
    created_at: c.createdAt,
    edited_at: c.editedAt,
    edit_token_hash: null,
    ip_hash: null,
    featured_at: c.featuredAt,
    staff: flag(c.staff),
    likes: c.likes,
  };
}

/**
 * PostgreSQL's identity sequence does not see explicit ids. Before the import writes any, the sequence
 * moves past every id the file asks for, so posts made meanwhile and after take ids of their own; the
 * new ids the import needs come from the sequence too (`newIds`).
 */
async function reserveIds(trx: Db, importId: number) {
  const bound = await highestIds(trx, importId);
  await sql`select setval(s, ${bound}) from (select pg_get_serial_sequence('comments', 'id')::regclass as s) q
    where coalesce(pg_sequence_last_value(s), 0) < ${bound}`.execute(trx);
}

export async function runImport<T>(
  db: Db,
  req: { importId: number },
  work: (tx: ImportTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (isPostgres(trx)) {
      // Two imports would both find the same ids free: they take turns, each seeing the other's
      // comments. (SQLite's one connection takes them in turn already.)
      await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
      await reserveIds(trx, req.importId);
    }
    return work(importTransaction(trx, req.importId));
  });
}
