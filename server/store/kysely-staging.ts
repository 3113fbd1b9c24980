import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from './database.js';
import type {
  Judgement,
  StagedComment,
  StagedForJudging,
  StagedPage,
  StagedThread,
  StagedThreadGroup,
} from './import-store.js';
import { num, numOrNull } from './rows.js';

/**
 * An import's staging area in Kysely, for both engines (migration 011): what the file holds, staged,
 * judged and ordered parents first before the import's transaction (kysely-import.ts) writes it. Every
 * statement names its import, so imports running side by side never see each other's rows.
 */

export type Db = Kysely<Database>;

/** Rows per multi-row statement: 26 columns × 500 stays below both engines' parameter limits. */
const CHUNK = 500;
export const chunks = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) =>
    xs.slice(i * CHUNK, (i + 1) * CHUNK),
  );

export const flag = (b: boolean) => (b ? 1 : 0);

export async function openImport(db: Db, req: { now: number; staleBefore: number }) {
  await db.deleteFrom('imports').where('started_at', '<', req.staleBefore).execute();
  const row = await db
    .insertInto('imports')
    .values({ started_at: req.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return num(row.id);
}

export async function closeImport(db: Db, req: { importId: number }) {
  await db.deleteFrom('imports').where('id', '=', req.importId).execute();
}

export async function stageThreads(
  db: Db,
  req: { importId: number; threads: readonly StagedThread[] },
) {
  for (const batch of chunks(req.threads))
    await db
      .insertInto('import_threads')
      .values(
        batch.map((t) => ({
          import_id: req.importId,
          key: t.key,
          seq: t.seq,
          line: t.line,
          url: t.url,
          title: t.title,
          created_at: t.createdAt,
          closed: t.closed === null ? null : flag(t.closed),
          published_at: t.publishedAt,
          title_locked: flag(t.titleLocked),
          listed: flag(t.listed),
          thread_id: null,
        })),
      )
      // The file's first thread with a key is the one it names.
      .onConflict((oc) => oc.columns(['import_id', 'key']).doNothing())
      .execute();
}

export async function stageComments(
  db: Db,
  req: { importId: number; comments: readonly StagedComment[] },
) {
  for (const batch of chunks(req.comments))
    await db
      .insertInto('import_comments')
      .values(
        batch.map((c) => ({
          import_id: req.importId,
          seq: c.seq,
          key: c.key,
          line: c.line,
          thread_key: c.threadKey,
          parent_key: c.parentKey,
          wanted_id: c.wantedId,
          author_name: c.authorName,
          author_email: c.authorEmail,
          author_website: c.authorWebsite,
          avatar: c.avatar,
          body: c.body,
          status: c.status,
          created_at: c.createdAt,
          edited_at: c.editedAt,
          featured_at: c.featuredAt,
          staff: flag(c.staff),
          likes: c.likes,
          refusal: c.refusal?.reason ?? null,
          message: c.refusal?.message ?? null,
          duplicate: flag(c.keyTaken),
          file_id: null,
          generation: null,
          anchor_id: null,
          anchor_depth: null,
          anchor_root: null,
        })),
      )
      .execute();
}

export async function findStagedKeys(db: Db, req: { importId: number; keys: readonly string[] }) {
  const found = new Set<string>();
  for (const keys of chunks(req.keys))
    for (const r of await db
      .selectFrom('import_comments')
      .select('key')
      .where('import_id', '=', req.importId)
      .where('key', 'in', keys)
      .execute())
      found.add(r.key);
  return found;
}

/** A staged comment with its thread (`t`) and the comment its parent key names (`p`, with its thread `pt`). */
export function withThreadAndParent(db: Db, importId: number) {
  return db
    .selectFrom('import_comments as c')
    .leftJoin('import_threads as t', (j) =>
      j.onRef('t.import_id', '=', 'c.import_id').onRef('t.key', '=', 'c.thread_key'),
    )
    .leftJoin('import_comments as p', (j) =>
      j
        .onRef('p.import_id', '=', 'c.import_id')
        .onRef('p.key', '=', 'c.parent_key')
        .on('p.duplicate', '=', 0),
    )
    .leftJoin('import_threads as pt', (j) =>
      j.onRef('pt.import_id', '=', 'p.import_id').onRef('pt.key', '=', 'p.thread_key'),
    )
    .where('c.import_id', '=', importId);
}

export async function listStagedForJudging(
  db: Db,
  req: { importId: number } & StagedPage<{ createdAt: number; seq: number }>,
): Promise<StagedForJudging[]> {
  const { after } = req;
  const rows = await withThreadAndParent(db, req.importId)
    .select([
      'c.seq',
      'c.created_at',
      'c.wanted_id',
      't.url',
      'c.parent_key',
      'p.seq as parent_seq',
      'pt.url as parent_url',
    ])
    .where('c.refusal', 'is', null)
    .where('c.created_at', 'is not', null)
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb(eb.refTuple('c.created_at', 'c.seq'), '>', eb.tuple(after!.createdAt, after!.seq)),
      ),
    )
    .orderBy('c.created_at')
    .orderBy('c.seq')
    .limit(req.limit)
    .execute();
  return rows.map((r) => ({
    seq: num(r.seq),
    createdAt: num(r.created_at),
    wantedId: numOrNull(r.wanted_id),
    url: r.url ?? null,
    parentKey: r.parent_key,
    parent: r.parent_seq === null ? null : { url: r.parent_url ?? null },
  }));
}

type SqlType = 'bigint' | 'integer' | 'text';

/**
 * Sets columns of many staged comments, each by its seq, in one statement per chunk (UPDATE … FROM
 * VALUES, which both engines read alike). Each row is `[seq, ...values]`, in the order of `columns`.
 */
export async function updateStaged(
  db: Db,
  importId: number,
  columns: readonly (readonly [keyof Database['import_comments'], SqlType])[],
  rows: readonly (readonly unknown[])[],
) {
  const types: SqlType[] = ['bigint', ...columns.map(([, type]) => type)];
  // PostgreSQL reads VALUES parameters as text unless told their types.
  const cell = (v: unknown, i: number): RawBuilder<unknown> =>
    sql`cast(${v} as ${sql.raw(types[i]!)})`;
  const sets = sql.join(
    columns.map(([name], i) => sql`${sql.ref(name)} = v.${sql.raw(`column${i + 2}`)}`),
  );
  for (const batch of chunks(rows)) {
    const values = sql.join(batch.map((row) => sql`(${sql.join(row.map(cell))})`));
    await sql`update import_comments set ${sets} from (values ${values}) as v
      where import_comments.import_id = ${importId} and import_comments.seq = v.column1`.execute(
      db,
    );
  }
}

export async function judgeStaged(
  db: Db,
  req: { importId: number; judgements: readonly Judgement[] },
) {
  await updateStaged(
    db,
    req.importId,
    [
      ['refusal', 'text'],
      ['message', 'text'],
      ['file_id', 'bigint'],
    ],
    req.judgements.map((j) => [
      j.seq,
      j.refusal?.reason ?? null,
      j.refusal?.message ?? null,
      j.fileId ?? null,
    ]),
  );
}

export async function orderStaged(db: Db, req: { importId: number }) {
  const { importId } = req;
  const staged = () =>
    db
      .updateTable('import_comments')
      .where('import_id', '=', importId)
      .where('duplicate', '=', 0)
      .where('generation', 'is', null);
  await staged()
    .set({ generation: 0 })
    .where((eb) =>
      eb.or([
        eb('parent_key', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('import_comments as p')
              .select('p.seq')
              .where('p.import_id', '=', importId)
              .whereRef('p.key', '=', 'import_comments.parent_key')
              .where('p.duplicate', '=', 0),
          ),
        ),
      ]),
    )
    .execute();
  for (let generation = 1; ; generation++) {
    // Found from the parents' side, so each round reads the last generation and its replies only.
    const res = await staged()
      .set({ generation })
      .where('seq', 'in', (eb) =>
        eb
          .selectFrom('import_comments as p')
          .innerJoin('import_comments as c', (j) =>
            j.onRef('c.import_id', '=', 'p.import_id').onRef('c.parent_key', '=', 'p.key'),
          )
          .select('c.seq')
          .where('p.import_id', '=', importId)
          .where('p.generation', '=', generation - 1)
          .where('p.duplicate', '=', 0),
      )
      .executeTakeFirst();
    if (num(res.numUpdatedRows) > 0) continue;
    // Whatever is left hangs from a loop of replies: its first comment in the file starts anew.
    const first = await db
      .selectFrom('import_comments')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .where('import_id', '=', importId)
      .where('duplicate', '=', 0)
      .where('generation', 'is', null)
      .executeTakeFirst();
    if (first?.seq === null || first?.seq === undefined) return;
    await staged().set({ generation }).where('seq', '=', num(first.seq)).execute();
  }
}

export async function listStagedThreads(
  db: Db,
  req: { importId: number } & StagedPage<number>,
): Promise<StagedThreadGroup[]> {
  const rows = await db
    .selectFrom('import_threads as t')
    .selectAll('t')
    .select((eb) =>
      eb
        // Threads first, then their comments: SQLite keeps a cross join's order, where it would
        // otherwise walk every comment by time looking for the thread's first.
        .selectFrom('import_threads as ct')
        .crossJoin('import_comments as c')
        .select((e) => e.fn.min('c.created_at').as('m'))
        .whereRef('ct.import_id', '=', 't.import_id')
        .whereRef('ct.url', '=', 't.url')
        .whereRef('c.import_id', '=', 'ct.import_id')
        .whereRef('c.thread_key', '=', 'ct.key')
        .where('c.file_id', 'is not', null)
        .as('first_kept_at'),
    )
    .where('t.import_id', '=', req.importId)
    .where('t.url', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('import_threads as e')
            .select('e.seq')
            .whereRef('e.import_id', '=', 't.import_id')
            .whereRef('e.url', '=', 't.url')
            .whereRef('e.seq', '<', 't.seq'),
        ),
      ),
    )
    .$if(req.after !== null, (qb) => qb.where('t.seq', '>', req.after!))
    .orderBy('t.seq')
    .limit(req.limit)
    .execute();
  return rows.map((r) => ({
    seq: num(r.seq),
    line: numOrNull(r.line),
    url: r.url!,
    title: r.title,
    createdAt: numOrNull(r.created_at),
    closed: r.closed === null ? null : num(r.closed) === 1,
    publishedAt: numOrNull(r.published_at),
    titleLocked: num(r.title_locked) === 1,
    listed: num(r.listed) === 1,
    firstKeptAt: numOrNull(r.first_kept_at),
  }));
}

export async function listRefusals(db: Db, req: { importId: number; limit: number }) {
  const refused = db
    .selectFrom('import_comments')
    .where('import_id', '=', req.importId)
    .where('refusal', 'is not', null);
  const [count, first] = await Promise.all([
    refused.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    refused.select(['key', 'line', 'refusal', 'message']).orderBy('seq').limit(req.limit).execute(),
  ]);
  return {
    count: num(count.n),
    first: first.map((r) => ({
      id: r.key,
      line: num(r.line),
      reason: r.refusal!,
      message: r.message ?? '',
    })),
  };
}
