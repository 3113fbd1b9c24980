import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from './database.js';
import type { ImportTransaction, Judgement, StagedComment, StagedThread } from './import-store.js';
import * as admin from './kysely-admin.js';
import * as imports from './kysely-import.js';
import * as mail from './kysely-mail.js';
import * as newsroom from './kysely-newsroom.js';
import * as sites from './kysely-sites.js';
import * as staging from './kysely-staging.js';
import { type CommentRow, num, toCommentRecord, toThreadRecord } from './rows.js';
import type {
  AdminCommentQuery,
  AuthorErasure,
  CommentChanges,
  CommentRecord,
  NewBan,
  NewComment,
  NewOutboxMessage,
  OutboxOutcome,
  PageCursor,
  SiteRecord,
  Store,
  ThreadChanges,
  ThreadPage,
  ThreadPageRequest,
  ThreadRecord,
} from './store.js';
import { DEFAULT_SITE_ID, DuplicateCommentError } from './store.js';

/** Rows of expired counters and claims are useless; sweeping them this often keeps both tables small. */
const PURGE_EVERY_MS = 60_000;

/** The unique index on comment fingerprints (migration 004), as SQLite and PostgreSQL report it. */
function isDedupeViolation(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  if (e.code === '23505') return e.constraint === 'comments_dedupe';
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message.includes('comments.body_hash');
}

/** The Store contract in Kysely, shared by the SQLite and PostgreSQL engines. */
export class KyselyStore implements Store {
  private nextPurgeAt = 0;
  /** Only PostgreSQL has other instances to skip rows for (`for update skip locked`). */
  private readonly engine: 'sqlite' | 'postgres';

  constructor(
    protected readonly db: Kysely<Database>,
    private readonly foreignWrites: () => number | null = () => null,
    private readonly onClose: () => Promise<void> = () => db.destroy(),
  ) {
    this.engine = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  }

  async insertComment(req: NewComment): Promise<{ comment: CommentRecord; thread: ThreadRecord }> {
    return this.db.transaction().execute((trx) => this.insertCommentIn(trx, req, new Map()));
  }

  /**
   * The writes of one new comment inside the caller's transaction (group commit writes several in one).
   * `threads` holds the threads this transaction has already found, by URL: a batch of comments to one
   * thread looks it up once.
   */
  protected async insertCommentIn(
    trx: Kysely<Database>,
    req: NewComment,
    threads: Map<string, ThreadRecord>,
  ): Promise<{ comment: CommentRecord; thread: ThreadRecord }> {
    try {
      const thread = await this.threadForPost(trx, req, threads);
      const values: Omit<CommentRow, 'id'> = {
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
        body_hash: req.bodyHash ?? null,
        verified: req.verified ? 1 : 0,
        featured_at: null,
        staff: req.staff ? 1 : 0,
        likes: 0,
      };
      // Only the id comes back: every other column is the request's own value, and reading the row back
      // would cost time for nothing.
      const { id } = await trx
        .insertInto('comments')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      const comment = toCommentRecord({ id, ...values });
      if (req.mail) await mail.writeCommentMail(trx, req.mail, comment);
      return { comment, thread };
    } catch (err) {
      throw isDedupeViolation(err) ? new DuplicateCommentError() : err;
    }
  }

  /**
   * The thread a new comment goes to. Nearly every post lands in a thread that exists and has its title,
   * and a plain read finds it without writing (nor, on PostgreSQL, locking) the thread row; the upsert
   * runs only for a new thread, one still without a title or a publication date the post states, or a
   * title the domain judged due for a change, and settles a race between two first posts. A title an
   * admin set stays.
   */
  private async threadForPost(
    trx: Kysely<Database>,
    req: NewComment,
    threads: Map<string, ThreadRecord>,
  ): Promise<ThreadRecord> {
    let thread = threads.get(req.url);
    if (!thread) {
      const row = await trx
        .selectFrom('threads')
        .selectAll()
        .where('url', '=', req.url)
        .executeTakeFirst();
      thread = row && toThreadRecord(row);
    }
    const retitle =
      req.retitle === true &&
      req.title !== null &&
      thread !== undefined &&
      req.title !== thread.title;
    const publishedAt = req.publishedAt ?? null;
    if (
      !thread ||
      retitle ||
      (thread.title === null && req.title !== null) ||
      (thread.publishedAt === null && publishedAt !== null)
    ) {
      const kept = sql`threads.title_locked = 1`;
      const replaced = retitle
        ? sql`true`
        : sql`threads.title is null and excluded.title is not null`;
      const row = await trx
        .insertInto('threads')
        .values({
          url: req.url,
          title: req.title,
          created_at: req.createdAt,
          published_at: publishedAt,
          title_updated_at: req.title === null ? null : req.createdAt,
          site_id: req.siteId ?? DEFAULT_SITE_ID,
        })
        .onConflict((oc) =>
          oc.column('url').doUpdateSet({
            title: sql`case when ${kept} then threads.title when ${replaced} then excluded.title else threads.title end`,
            title_updated_at: sql`case when ${kept} then threads.title_updated_at when ${replaced} then excluded.title_updated_at else threads.title_updated_at end`,
            published_at: sql`coalesce(threads.published_at, excluded.published_at)`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      thread = toThreadRecord(row);
    }
    threads.set(req.url, thread);
    return thread;
  }

  async getComment(req: { id: number }): Promise<CommentRecord | undefined> {
    const row = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', req.id)
      .executeTakeFirst();
    return row && toCommentRecord(row);
  }

  async getThreadById(req: { id: number }): Promise<ThreadRecord | undefined> {
    const row = await this.db
      .selectFrom('threads')
      .selectAll()
      .where('id', '=', req.id)
      .executeTakeFirst();
    return row && toThreadRecord(row);
  }

  getThread(req: { url: string }) {
    return newsroom.getThread(this.db, req);
  }

  updateThread(req: ThreadChanges) {
    return newsroom.updateThread(this.db, req);
  }

  setLike(req: { commentId: number; voterHash: string; liked: boolean; now: number }) {
    return newsroom.setLike(this.db, req);
  }

  addBan(req: NewBan) {
    return newsroom.addBan(this.db, req);
  }

  listBans(req: { now: number }) {
    return newsroom.listBans(this.db, req);
  }

  removeBan(req: { id: number }) {
    return newsroom.removeBan(this.db, req);
  }

  async getThreadPage(req: ThreadPageRequest): Promise<ThreadPage> {
    // The count comes with the thread: thread_counts is kept by triggers, so no thread is counted on read.
    const threadRow = await this.db
      .selectFrom('threads')
      .leftJoin('thread_counts', 'thread_counts.thread_id', 'threads.id')
      .selectAll('threads')
      .select('thread_counts.approved')
      .where('threads.url', '=', req.url)
      .executeTakeFirst();
    if (!threadRow) return { thread: null, count: 0, comments: [], featured: [], next: null };
    const thread = toThreadRecord(threadRow);
    const statuses = [...req.statuses];
    const best = req.sort === 'best';
    const dir = req.sort === 'newest' ? 'desc' : 'asc';
    const after = req.after;

    const topRows = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('thread_id', '=', thread.id)
      .where('parent_id', 'is', null)
      .where('status', 'in', statuses)
      // A row-value comparison, so both engines seek the index to the cursor instead of filtering from the start.
      .$if(after !== null, (qb) =>
        qb.where((eb) => {
          const later = eb(
            eb.refTuple('created_at', 'id'),
            dir === 'asc' ? '>' : '<',
            eb.tuple(after!.createdAt, after!.id),
          );
          if (!best) return later;
          const likes = after!.likes ?? 0;
          return eb.or([eb('likes', '<', likes), eb.and([eb('likes', '=', likes), later])]);
        }),
      )
      .$if(best, (qb) => qb.orderBy('likes', 'desc'))
      .orderBy('created_at', dir)
      .orderBy('id', dir)
      .limit(req.limit + 1)
      .execute();

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
    const next: PageCursor | null =
      hasMore && last
        ? { createdAt: last.createdAt, id: last.id, ...(best && { likes: last.likes }) }
        : null;
    const featuredLimit = after === null ? (req.featuredLimit ?? 0) : 0;
    const featured =
      featuredLimit > 0
        ? await newsroom.listFeatured(this.db, { threadId: thread.id, limit: featuredLimit })
        : [];
    return { thread, count: num(threadRow.approved ?? 0), comments, featured, next };
  }

  async updateComment(req: CommentChanges): Promise<CommentRecord | undefined> {
    return this.updateCommentIn(this.db, req);
  }

  async updateCommentWithMail(req: {
    changes: CommentChanges;
    outbox: readonly NewOutboxMessage[];
  }): Promise<CommentRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.updateCommentIn(trx, req.changes);
      if (updated) await mail.writeOutbox(trx, req.outbox, updated.id);
      return updated;
    });
  }

  private async updateCommentIn(
    db: Kysely<Database>,
    req: CommentChanges,
  ): Promise<CommentRecord | undefined> {
    const values: Partial<Record<keyof Database['comments'], unknown>> = {};
    if (req.body !== undefined) values.body = req.body;
    if (req.html !== undefined) values.html = req.html;
    if (req.status !== undefined) values.status = req.status;
    if (req.editedAt !== undefined) values.edited_at = req.editedAt;
    if (req.authorName !== undefined) values.author_name = req.authorName;
    if (req.authorEmail !== undefined) values.author_email = req.authorEmail;
    if (req.authorWebsite !== undefined) values.author_website = req.authorWebsite;
    if (req.featuredAt !== undefined) values.featured_at = req.featuredAt;
    // A deleted comment no longer says anything, so its author may say it again.
    if (req.status === 'deleted') values.body_hash = null;
    if (Object.keys(values).length === 0) return this.getComment({ id: req.id });
    const row = await db
      .updateTable('comments')
      .set(values as never)
      .where('id', '=', req.id)
      .returningAll()
      .executeTakeFirst();
    return row && toCommentRecord(row);
  }

  async hasReplies(req: { id: number }): Promise<boolean> {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('parent_id', '=', req.id)
      .limit(1)
      .executeTakeFirst();
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
      .innerJoin('thread_counts', 'thread_counts.thread_id', 'threads.id')
      .select(['threads.url', 'thread_counts.approved'])
      .where('threads.url', 'in', [...req.urls])
      .execute();
    for (const r of rows) counts.set(r.url, num(r.approved));
    return counts;
  }

  async getOrCreateSetting(req: { key: string; init: () => string }): Promise<string> {
    const existing = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', req.key)
      .executeTakeFirst();
    if (existing) return existing.value;
    await this.db
      .insertInto('settings')
      .values({ key: req.key, value: req.init() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    // Another instance may have won the race: whatever is stored now is the value.
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', req.key)
      .executeTakeFirstOrThrow();
    return row.value;
  }

  async hitCounter(req: {
    key: string;
    windowMs: number;
    now: number;
  }): Promise<{ count: number; resetAt: number }> {
    await this.purgeExpired(req.now);
    // One upsert, so concurrent hits from any instance serialise on the row: none is lost or counted twice.
    const expired = sql<boolean>`counters.reset_at <= ${req.now}`;
    const row = await this.db
      .insertInto('counters')
      .values({ key: req.key, hits: 1, reset_at: req.now + req.windowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql`case when ${expired} then 1 else counters.hits + 1 end`,
          reset_at: sql`case when ${expired} then ${req.now + req.windowMs} else counters.reset_at end`,
        }),
      )
      .returning(['hits', 'reset_at'])
      .executeTakeFirstOrThrow();
    return { count: num(row.hits), resetAt: num(row.reset_at) };
  }

  async claimOnce(req: { key: string; expiresAt: number; now: number }): Promise<boolean> {
    await this.purgeExpired(req.now);
    // A live claim makes the conditional update a no-op, and then no row comes back.
    const row = await this.db
      .insertInto('claims')
      .values({ key: req.key, expires_at: req.expiresAt })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') })
          .where('claims.expires_at', '<=', req.now),
      )
      .returning('key')
      .executeTakeFirst();
    return row !== undefined;
  }

  async purgeIpHashes(req: { before: number }): Promise<number> {
    const res = await this.db
      .updateTable('comments')
      .set({ ip_hash: null })
      .where('ip_hash', 'is not', null)
      .where('created_at', '<', req.before)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Expired counters and claims go at most once per PURGE_EVERY_MS of the caller's clock, per instance. */
  private async purgeExpired(now: number): Promise<void> {
    if (now < this.nextPurgeAt) return;
    this.nextPurgeAt = now + PURGE_EVERY_MS;
    await this.db.deleteFrom('claims').where('expires_at', '<=', now).execute();
    await this.db.deleteFrom('counters').where('reset_at', '<=', now).execute();
  }

  async getSetting(req: { key: string }): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', req.key)
      .executeTakeFirst();
    return row?.value;
  }

  async deleteSettings(req: { prefix: string; except: readonly string[] }): Promise<number> {
    let q = this.db
      .deleteFrom('settings')
      .where(sql<boolean>`substr(key, 1, ${req.prefix.length}) = ${req.prefix}`);
    if (req.except.length > 0) q = q.where('key', 'not in', req.except);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async putSetting(req: { key: string; value: string }): Promise<void> {
    await this.db
      .insertInto('settings')
      .values(req)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: req.value }))
      .execute();
  }

  listAdminComments(req: AdminCommentQuery) {
    return admin.listAdminComments(this.db, req);
  }

  countByStatus(req: { url: string | null; siteId?: string }) {
    return admin.countByStatus(this.db, req);
  }

  countThreads(req: { siteId?: string } = {}) {
    return admin.countThreads(this.db, req);
  }

  listCommentsByEmail(req: { email: string }) {
    return admin.listCommentsByEmail(this.db, req);
  }

  listLatestApproved(req: { url: string | null; limit: number }) {
    return admin.listLatestApproved(this.db, req);
  }

  exportAll(req: { siteId?: string } = {}) {
    return admin.exportAll(this.db, req);
  }

  listSites() {
    return sites.listSites(this.db);
  }

  insertSite(req: SiteRecord) {
    return sites.insertSite(this.db, req);
  }

  updateSite(req: Parameters<Store['updateSite']>[0]) {
    return sites.updateSite(this.db, req);
  }

  deleteSite(req: { id: string }) {
    return sites.deleteSite(this.db, req);
  }

  openImport(req: { now: number; staleBefore: number }) {
    return staging.openImport(this.db, req);
  }

  stageThreads(req: { importId: number; threads: readonly StagedThread[] }) {
    return staging.stageThreads(this.db, req);
  }

  stageComments(req: { importId: number; comments: readonly StagedComment[] }) {
    return staging.stageComments(this.db, req);
  }

  findStagedKeys(req: { importId: number; keys: readonly string[] }) {
    return staging.findStagedKeys(this.db, req);
  }

  listStagedForJudging(req: Parameters<Store['listStagedForJudging']>[0]) {
    return staging.listStagedForJudging(this.db, req);
  }

  judgeStaged(req: { importId: number; judgements: readonly Judgement[] }) {
    return staging.judgeStaged(this.db, req);
  }

  orderStaged(req: { importId: number }) {
    return staging.orderStaged(this.db, req);
  }

  listStagedThreads(req: Parameters<Store['listStagedThreads']>[0]) {
    return staging.listStagedThreads(this.db, req);
  }

  listRefusals(req: { importId: number; limit: number }) {
    return staging.listRefusals(this.db, req);
  }

  closeImport(req: { importId: number }) {
    return staging.closeImport(this.db, req);
  }

  runImport<T>(req: { importId: number }, work: (tx: ImportTransaction) => Promise<T>) {
    return imports.runImport(this.db, req, work);
  }

  eraseAuthor(req: AuthorErasure) {
    return admin.eraseAuthor(this.db, req);
  }

  claimOutbox(req: { now: number; leaseMs: number; limit: number }) {
    return mail.claimOutbox(this.db, this.engine, req);
  }

  claimDigest(req: { recipient: string; now: number; leaseMs: number }) {
    return mail.claimDigest(this.db, this.engine, req);
  }

  fanOut(req: { id: number; now: number }) {
    return mail.fanOut(this.db, req);
  }

  settleOutbox(req: { ids: readonly number[]; outcome: OutboxOutcome }) {
    return mail.settleOutbox(this.db, req);
  }

  countSentTo(req: { recipient: string; since: number }) {
    return mail.countSentTo(this.db, req);
  }

  enqueueMail(req: NewOutboxMessage & { commentId?: number | null }) {
    return mail.writeOutbox(this.db, [req], req.commentId ?? null);
  }

  confirmAddress(req: { email: string; now: number; proofHash: string }) {
    return mail.confirmAddress(this.db, req);
  }

  isConfirmed(req: { email: string }) {
    return mail.isConfirmed(this.db, req);
  }

  proofEmail(req: { proofHash: string }) {
    return mail.proofEmail(this.db, req);
  }

  listSubscriptions(req: { email: string }) {
    return mail.listSubscriptions(this.db, req);
  }

  unsubscribe(req: { id: number; email: string }) {
    return mail.unsubscribe(this.db, req);
  }

  foreignWriteVersion(): number | null {
    return this.foreignWrites();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
