import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './database.js';
import type {
  CommentChanges,
  CommentRecord,
  NewComment,
  PageCursor,
  Store,
  ThreadPage,
  ThreadPageRequest,
  ThreadRecord,
} from './store.js';

type CommentRow = Selectable<Database['comments']>;
type ThreadRow = Selectable<Database['threads']>;

// PostgreSQL returns bigint columns as strings; Number() gives both engines one record shape.
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toCommentRecord(r: CommentRow): CommentRecord {
  const id = num(r.id);
  return {
    id,
    threadId: num(r.thread_id),
    parentId: numOrNull(r.parent_id),
    rootId: numOrNull(r.root_id) ?? id,
    depth: num(r.depth),
    authorName: r.author_name,
    authorEmail: r.author_email,
    authorWebsite: r.author_website,
    avatar: r.avatar,
    body: r.body,
    html: r.html,
    status: r.status,
    createdAt: num(r.created_at),
    editedAt: numOrNull(r.edited_at),
    editTokenHash: r.edit_token_hash,
    ipHash: r.ip_hash,
  };
}

function toThreadRecord(r: ThreadRow): ThreadRecord {
  return { id: num(r.id), url: r.url, title: r.title, createdAt: num(r.created_at) };
}

/** The Store contract in Kysely, shared by the SQLite and PostgreSQL engines. */
export class KyselyStore implements Store {
  constructor(
    protected readonly db: Kysely<Database>,
    private readonly onClose: () => Promise<void> = () => db.destroy(),
  ) {}

  async insertComment(req: NewComment): Promise<{ comment: CommentRecord; thread: ThreadRecord }> {
    return this.db.transaction().execute(async (trx) => {
      const thread = await trx
        .insertInto('threads')
        .values({ url: req.url, title: req.title, created_at: req.createdAt })
        .onConflict((oc) => oc.column('url').doUpdateSet({ title: sql`coalesce(threads.title, excluded.title)` }))
        .returningAll()
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('comments')
        .values({
          thread_id: thread.id,
          parent_id: req.parentId,
          root_id: req.rootId,
          depth: req.depth,
          author_name: req.authorName,
          author_email: req.authorEmail,
          author_website: req.authorWebsite,
          avatar: req.avatar,
          body: req.body,
          html: req.html,
          status: req.status,
          created_at: req.createdAt,
          edited_at: null,
          edit_token_hash: req.editTokenHash,
          ip_hash: req.ipHash,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { comment: toCommentRecord(row), thread: toThreadRecord(thread) };
    });
  }

  async getComment(req: { id: number }): Promise<CommentRecord | undefined> {
    const row = await this.db.selectFrom('comments').selectAll().where('id', '=', req.id).executeTakeFirst();
    return row && toCommentRecord(row);
  }

  async getThreadById(req: { id: number }): Promise<ThreadRecord | undefined> {
    const row = await this.db.selectFrom('threads').selectAll().where('id', '=', req.id).executeTakeFirst();
    return row && toThreadRecord(row);
  }

  async getThreadPage(req: ThreadPageRequest): Promise<ThreadPage> {
    const threadRow = await this.db.selectFrom('threads').selectAll().where('url', '=', req.url).executeTakeFirst();
    if (!threadRow) return { thread: null, count: 0, comments: [], next: null };
    const thread = toThreadRecord(threadRow);
    const statuses = [...req.statuses];
    const dir = req.sort === 'oldest' ? 'asc' : 'desc';
    const after = req.after;

    const [countRow, topRows] = await Promise.all([
      this.db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('thread_id', '=', thread.id)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('comments')
        .selectAll()
        .where('thread_id', '=', thread.id)
        .where('parent_id', 'is', null)
        .where('status', 'in', statuses)
        .$if(after !== null, (qb) =>
          qb.where((eb) => {
            const op = dir === 'asc' ? '>' : '<';
            return eb.or([
              eb('created_at', op, after!.createdAt),
              eb.and([eb('created_at', '=', after!.createdAt), eb('id', op, after!.id)]),
            ]);
          }),
        )
        .orderBy('created_at', dir)
        .orderBy('id', dir)
        .limit(req.limit + 1)
        .execute(),
    ]);

    const hasMore = topRows.length > req.limit;
    const top = (hasMore ? topRows.slice(0, req.limit) : topRows).map(toCommentRecord);
    const replies =
      top.length === 0
        ? []
        : (
            await this.db
              .selectFrom('comments')
              .selectAll()
              .where(
                'root_id',
                'in',
                top.map((c) => c.id),
              )
              .where('status', 'in', statuses)
              .orderBy('created_at', 'asc')
              .orderBy('id', 'asc')
              .execute()
          ).map(toCommentRecord);

    const byRoot = new Map<number, CommentRecord[]>();
    for (const r of replies) {
      const list = byRoot.get(r.rootId);
      if (list) list.push(r);
      else byRoot.set(r.rootId, [r]);
    }
    const comments: CommentRecord[] = [];
    for (const t of top) comments.push(t, ...(byRoot.get(t.id) ?? []));

    const last = top[top.length - 1];
    const next: PageCursor | null = hasMore && last ? { createdAt: last.createdAt, id: last.id } : null;
    return { thread, count: num(countRow.n), comments, next };
  }

  async updateComment(req: CommentChanges): Promise<CommentRecord | undefined> {
    const values: Partial<Record<keyof Database['comments'], unknown>> = {};
    if (req.body !== undefined) values.body = req.body;
    if (req.html !== undefined) values.html = req.html;
    if (req.status !== undefined) values.status = req.status;
    if (req.editedAt !== undefined) values.edited_at = req.editedAt;
    if (req.authorName !== undefined) values.author_name = req.authorName;
    if (req.authorEmail !== undefined) values.author_email = req.authorEmail;
    if (req.authorWebsite !== undefined) values.author_website = req.authorWebsite;
    if (Object.keys(values).length === 0) return this.getComment({ id: req.id });
    const row = await this.db
      .updateTable('comments')
      .set(values as never)
      .where('id', '=', req.id)
      .returningAll()
      .executeTakeFirst();
    return row && toCommentRecord(row);
  }

  async hasReplies(req: { id: number }): Promise<boolean> {
    const row = await this.db.selectFrom('comments').select('id').where('parent_id', '=', req.id).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async hasApprovedComment(req: { email: string }): Promise<boolean> {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('author_email', '=', req.email)
      .where('status', '=', 'approved')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async eraseComment(req: { id: number }): Promise<boolean> {
    const res = await this.db.deleteFrom('comments').where('id', '=', req.id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async countApproved(req: { urls: readonly string[] }): Promise<Map<string, number>> {
    const counts = new Map<string, number>(req.urls.map((u) => [u, 0]));
    if (req.urls.length === 0) return counts;
    const rows = await this.db
      .selectFrom('threads')
      .innerJoin('comments', 'comments.thread_id', 'threads.id')
      .select(['threads.url', (eb) => eb.fn.countAll<number>().as('n')])
      .where('threads.url', 'in', [...req.urls])
      .where('comments.status', '=', 'approved')
      .groupBy('threads.url')
      .execute();
    for (const r of rows) counts.set(r.url, num(r.n));
    return counts;
  }

  async getOrCreateSetting(req: { key: string; init: () => string }): Promise<string> {
    const existing = await this.db.selectFrom('settings').select('value').where('key', '=', req.key).executeTakeFirst();
    if (existing) return existing.value;
    await this.db
      .insertInto('settings')
      .values({ key: req.key, value: req.init() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    // Another instance may have won the race: whatever is stored now is the value.
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', req.key).executeTakeFirstOrThrow();
    return row.value;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
