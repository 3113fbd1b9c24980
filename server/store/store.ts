import type { CommentStatus, Sort } from '../schema/index.js';
import type { SiteSettings } from '../schema/sites.js';
import type { ImportStore } from './import-store.js';

/** A stored comment, everything the server knows. Never sent to readers as is: see `toPublicComment()`. */
export interface CommentRecord {
  id: number;
  threadId: number;
  parentId: number | null;
  /** The top-level ancestor (itself when top-level): pages fetch whole sub-threads by it. */
  rootId: number;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  avatar: string;
  body: string;
  html: string;
  status: CommentStatus;
  /** Milliseconds since the epoch. */
  createdAt: number;
  editedAt: number | null;
  editTokenHash: string | null;
  ipHash: string | null;
  /** Present, and true, only for a comment posted with a proof that its author owns the address. */
  verified?: true;
  /** Browsers that like it. */
  likes: number;
  /** Present only for a featured comment: when an admin featured it. */
  featuredAt?: number;
  /** Present, and true, only for a reply an admin wrote as the site. */
  staff?: true;
}

export interface ThreadRecord {
  id: number;
  url: string;
  title: string | null;
  createdAt: number;
  /** An admin's closing (true) or reopening (false); null leaves it to the age rule (domain/threads.ts). */
  closed: boolean | null;
  /** The article's publication as the first post that stated it said; null when none did. */
  publishedAt: number | null;
  /** When the title last changed; posts change it at most once a day. */
  titleUpdatedAt: number | null;
  /** An admin set the title: posts leave it alone. */
  titleLocked: boolean;
  /** The site it belongs to, decided by the host of its URL when it was created. */
  siteId: string;
}

/** The site the environment configures, and every thread stored before there were sites belongs to. */
export const DEFAULT_SITE_ID = 'default';

/** A site beyond `default` (which the environment configures). */
export interface SiteRecord {
  id: string;
  name: string;
  origins: string[];
  hosts: string[];
  /** SHA-256 (hex) of its admin token; null while it has none. */
  tokenHash: string | null;
  settings: SiteSettings;
  createdAt: number;
}

/** Sites; none of these verbs changes what a thread page shows. */
export interface SiteStore {
  listSites(): Promise<SiteRecord[]>;
  /** False when the id is taken. */
  insertSite(req: SiteRecord): Promise<boolean>;
  updateSite(
    req: Pick<SiteRecord, 'id'> & Partial<Omit<SiteRecord, 'id' | 'createdAt'>>,
  ): Promise<SiteRecord | undefined>;
  /** Its threads stay, under its id, for the server admin to export or erase. */
  deleteSite(req: { id: string }): Promise<boolean>;
}

export interface PageCursor {
  createdAt: number;
  id: number;
  /** With sort=best: the likes of the last comment of the page. */
  likes?: number;
}

export interface ThreadPageRequest {
  url: string;
  sort: Sort;
  limit: number;
  after: PageCursor | null;
  /** Statuses a reader may see (placeholders of deleted comments included). */
  statuses: readonly CommentStatus[];
  /** Featured comments to list on the first page; none when absent. */
  featuredLimit?: number;
}

export interface ThreadPage {
  thread: ThreadRecord | null;
  /** Approved comments in the whole thread. */
  count: number;
  /** Top-level comments of the page, each followed by its visible replies, parents before children. */
  comments: CommentRecord[];
  /** On the first page only: the thread's approved featured comments, oldest first, at most `featuredLimit`. */
  featured: CommentRecord[];
  /** Position of the last top-level comment when more follow. */
  next: PageCursor | null;
}

/** A comment to store: the record less what the store assigns, addressed by its thread's URL. */
export interface NewComment
  extends Omit<CommentRecord, 'id' | 'threadId' | 'rootId' | 'editedAt' | 'likes' | 'featuredAt'> {
  url: string;
  /** Given to a new thread, and to one without a title. */
  title: string | null;
  /** Replace the thread's title with `title` (the domain judged a change due); the time is `createdAt`. */
  retitle?: boolean;
  /** The article's publication: kept when the thread has none yet. */
  publishedAt?: number | null;
  /** The site a new thread belongs to; `default` when absent. */
  siteId?: string;
  /** Null for a top-level comment: the store makes it its own root. */
  rootId: number | null;
  /**
   * Fingerprint of author, parent and words (domain/duplicates.ts); a second comment with the same one in
   * the same thread is refused with DuplicateCommentError. Null for comments exempt from the check.
   */
  bodyHash?: string | null;
  /** Mail the new comment causes, written in its transaction; absent when mail is off. */
  mail?: CommentMail;
}

/** The kinds of mail: `published` is fanned out by the worker into `reply` and `thread` mail to subscribers. */
export type OutboxKind = 'published' | 'confirm' | 'verify' | 'reply' | 'thread' | 'moderator';

export interface NewOutboxMessage {
  kind: OutboxKind;
  /** Null only for `published`. */
  recipient: string | null;
  lang: string;
  /** What the template needs beyond the comment the message is about. */
  payload?: Record<string, unknown>;
  /** When it is written (and first due). */
  at: number;
}

export interface OutboxMessage {
  id: number;
  kind: OutboxKind;
  recipient: string | null;
  lang: string;
  commentId: number | null;
  payload: Record<string, unknown>;
  state: 'queued' | 'digest';
  /** Tries so far, this one included. */
  attempts: number;
}

export interface NewSubscription {
  email: string;
  kind: 'replies' | 'thread';
  lang: string;
}

export interface MailSubscription extends NewSubscription {
  id: number;
  threadUrl: string;
  /** The comment whose replies are wanted; null for a whole thread. */
  commentId: number | null;
  createdAt: number;
}

export interface CommentMail {
  /** Written with the comment's id as their `commentId`. */
  outbox: readonly NewOutboxMessage[];
  /**
   * Subscribes the author to replies to the new comment or to its whole thread. An address not yet
   * confirmed also gets a `confirm` message, at most once a day.
   */
  subscription: NewSubscription | null;
}

/** How a message the worker holds ends: sent, given up, put back for a retry, or kept for the digest. */
export type OutboxOutcome =
  | { state: 'sent'; at: number }
  | { state: 'dropped' | 'failed'; error: string }
  | { state: 'queued' | 'digest'; dueAt: number; error?: string };

/** The mail half of the store: outbox, subscriptions, confirmed addresses and their proofs. */
export interface MailStore {
  /**
   * Takes up to `limit` due messages for `leaseMs`: no other worker (of any instance) gets them while the
   * lease lives; a worker that dies leaves them to be taken again once it expires.
   */
  claimOutbox(req: { now: number; leaseMs: number; limit: number }): Promise<OutboxMessage[]>;
  /** Takes every message waiting for `recipient`'s digest, as `claimOutbox` does. */
  claimDigest(req: { recipient: string; now: number; leaseMs: number }): Promise<OutboxMessage[]>;
  /**
   * Turns a `published` message into one `reply` or `thread` message per confirmed subscriber (none to
   * the comment's own author, none when the comment is no longer approved), and marks it sent, in one
   * transaction. Returns how many it wrote.
   */
  fanOut(req: { id: number; now: number }): Promise<number>;
  settleOutbox(req: { ids: readonly number[]; outcome: OutboxOutcome }): Promise<void>;
  /** Mail sent to `recipient` since `since`. */
  countSentTo(req: { recipient: string; since: number }): Promise<number>;
  enqueueMail(req: NewOutboxMessage & { commentId?: number | null }): Promise<void>;
  /** Written with the status change, in its transaction. */
  updateCommentWithMail(req: {
    changes: CommentChanges;
    outbox: readonly NewOutboxMessage[];
  }): Promise<CommentRecord | undefined>;
  /** Marks the address confirmed (once) and keeps the hash of a proof handed to the browser. */
  confirmAddress(req: { email: string; now: number; proofHash: string }): Promise<void>;
  isConfirmed(req: { email: string }): Promise<boolean>;
  /** The address a proof belongs to. */
  proofEmail(req: { proofHash: string }): Promise<string | undefined>;
  listSubscriptions(req: { email: string }): Promise<MailSubscription[]>;
  /** Removes one subscription of `email`; false when there was none. */
  unsubscribe(req: { id: number; email: string }): Promise<boolean>;
}

export interface CommentChanges {
  id: number;
  body?: string;
  html?: string;
  status?: CommentStatus;
  editedAt?: number | null;
  authorName?: string;
  authorEmail?: string;
  authorWebsite?: string | null;
  /** When it was featured; null unfeatures it. */
  featuredAt?: number | null;
}

/** What an admin changes on a thread; the thread is created when it has no comment yet. */
export interface ThreadChanges {
  url: string;
  /** True or false overrides the age rule; null gives the thread back to it. */
  closed?: boolean | null;
  title?: string | null;
  titleLocked?: boolean;
  /** The site a thread created here belongs to; `default` when absent. */
  siteId?: string;
  now: number;
}

export interface BanRecord {
  id: number;
  kind: 'email' | 'ip';
  /** The lower-cased email, or the keyed hash of the address a comment came from. */
  value: string;
  /** For an address: the day key its hash was made with (never shown). */
  ipKey: string | null;
  /** For an address: the comment it was taken from. */
  commentId: number | null;
  reason: string;
  createdBy: string;
  createdAt: number;
  /** Null: for good. */
  expiresAt: number | null;
}

export type NewBan = Omit<BanRecord, 'id'>;

/** Bans: who may not post (domain/bans.ts). None of these verbs changes what readers see. */
export interface BanStore {
  addBan(req: NewBan): Promise<BanRecord>;
  /** Bans in force at `now`, newest first. */
  listBans(req: { now: number }): Promise<BanRecord[]>;
  removeBan(req: { id: number }): Promise<boolean>;
}

/** Comments: what readers post, read, like and edit, and what moderation changes of them. */
export interface CommentStore {
  /**
   * Creates the thread when it is new; the title is filled in when it was unknown. Throws
   * DuplicateCommentError when the thread already has this author's comment with the same bodyHash.
   */
  insertComment(req: NewComment): Promise<{ comment: CommentRecord; thread: ThreadRecord }>;
  getComment(req: { id: number }): Promise<CommentRecord | undefined>;
  getThreadPage(req: ThreadPageRequest): Promise<ThreadPage>;
  updateComment(req: CommentChanges): Promise<CommentRecord | undefined>;
  /**
   * Records (`liked`) or withdraws one voter's like of a comment, once however often asked, and keeps
   * the comment's count in step; returns the comment after, undefined when there is none.
   */
  setLike(req: {
    commentId: number;
    voterHash: string;
    liked: boolean;
    now: number;
  }): Promise<CommentRecord | undefined>;
  hasReplies(req: { id: number }): Promise<boolean>;
  /** Whether this (lower-cased) email has any approved comment. */
  hasApprovedComment(req: { email: string }): Promise<boolean>;
  /** Removes the row for good; replies must have been handled by the caller. */
  eraseComment(req: { id: number }): Promise<boolean>;
  /** Forgets the IP hash of comments created before `before`; returns how many were cleared. */
  purgeIpHashes(req: { before: number }): Promise<number>;
  /**
   * The newest approved comments (newest first, at most `limit`), of the whole site or of the thread with
   * URL key `url`; for a thread, the thread too (null when it does not exist). Feeds build on it.
   */
  listLatestApproved(req: {
    url: string | null;
    limit: number;
  }): Promise<{ thread: ThreadRecord | null; comments: AdminCommentRecord[] }>;
}

/** Threads: found by id or URL key, closed and retitled, counted. */
export interface ThreadStore {
  getThreadById(req: { id: number }): Promise<ThreadRecord | undefined>;
  /** The thread with URL key `url`. */
  getThread(req: { url: string }): Promise<ThreadRecord | undefined>;
  /** Creates the thread when it has no comment yet. */
  updateThread(req: ThreadChanges): Promise<ThreadRecord>;
  /** Approved-comment counts for each URL key; unknown URLs count 0. One query. */
  countApproved(req: { urls: readonly string[] }): Promise<Map<string, number>>;
}

/** What only admins ask for: listings, counts, exports and erasure. */
export interface AdminStore {
  /** Comments for the admin, newest first, filtered by status, thread and a search. */
  listAdminComments(
    req: AdminCommentQuery,
  ): Promise<{ comments: AdminCommentRecord[]; next: PageCursor | null }>;
  /** Comments per status, in one thread when `url` is given. */
  countByStatus(req: {
    url: string | null;
    siteId?: string;
  }): Promise<Record<CommentStatus, number>>;
  /** Threads of one site, or of all when no site is named. */
  countThreads(req?: { siteId?: string }): Promise<number>;
  listCommentsByEmail(req: { email: string }): Promise<AdminCommentRecord[]>;
  /** Every thread and every comment (by id), of one site or of all. */
  exportAll(req?: {
    siteId?: string;
  }): Promise<{ threads: ThreadRecord[]; comments: AdminCommentRecord[] }>;
  /** All or nothing, in one transaction. */
  eraseAuthor(req: AuthorErasure): Promise<AuthorErasureCounts>;
}

/** Values kept across restarts: word lists, keys, the server's secret. */
export interface SettingStore {
  /** A value kept across restarts, created by `init` the first time it is asked for. */
  getOrCreateSetting(req: { key: string; init: () => string }): Promise<string>;
  getSetting(req: { key: string }): Promise<string | undefined>;
  /** Removes the settings whose key starts with `prefix`, but those in `except`; returns how many. */
  deleteSettings(req: { prefix: string; except: readonly string[] }): Promise<number>;
  putSetting(req: { key: string; value: string }): Promise<void>;
}

/** Counts and claims shared by every instance on the database. */
export interface CounterStore {
  /**
   * Counts one hit of `key` in a fixed window that starts at the key's first hit and lasts `windowMs`;
   * atomic across instances sharing the database. Rate limits build on it.
   */
  hitCounter(req: {
    key: string;
    windowMs: number;
    now: number;
  }): Promise<{ count: number; resetAt: number }>;
  /**
   * True only for the first claim of `key` while that claim lives (until `expiresAt`), across instances
   * sharing the database. Single use of proof-of-work solutions builds on it.
   */
  claimOnce(req: { key: string; expiresAt: number; now: number }): Promise<boolean>;
}

/**
 * Everything the server persists: one interface per concern, so a part of the domain that needs one
 * takes only that one. Small, async, one request object per verb, so SQLite and PostgreSQL implement
 * the same contract (tests/server/store-contract.ts).
 */
export interface Store
  extends CommentStore,
    ThreadStore,
    AdminStore,
    SettingStore,
    CounterStore,
    ImportStore,
    MailStore,
    BanStore,
    SiteStore {
  /**
   * A number that changes once another connection (a CLI import, another process on the same file) has
   * committed to the database, so caches of what this process read know to start again. Synchronous and
   * cheap, as it is asked before every cached read; null where it cannot be told cheaply (PostgreSQL,
   * whose caches expire by time instead).
   */
  foreignWriteVersion(): number | null;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A comment with its thread, for the admin API and exports. */
export interface AdminCommentRecord extends CommentRecord {
  threadUrl: string;
  threadTitle: string | null;
}

export interface AdminCommentQuery {
  status: CommentStatus | null;
  /** Thread key. */
  url: string | null;
  /** Substring of the body, author name or email; case-insensitive for ASCII letters. */
  search: string | null;
  after: PageCursor | null;
  limit: number;
  /** Only this site's comments; all sites' when absent. */
  siteId?: string;
}

export interface AuthorErasure {
  email: string;
  /** Replaces the author's name on every comment kept. */
  anonymousName: string;
  /**
   * Also remove the words: comments without replies go for good (with the empty placeholders above them
   * that are left without replies), those with replies stay as empty placeholders so threads keep their shape.
   */
  eraseBodies: boolean;
}

export interface AuthorErasureCounts {
  anonymised: number;
  erased: number;
  placeholders: number;
}

/**
 * The database cannot be reached right now (restarting, connection dropped, pool exhausted); the same
 * request may succeed in a moment. The HTTP layer answers 503 `service_unavailable`.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The same author already said the same thing in this thread (NewComment.bodyHash). */
export class DuplicateCommentError extends Error {
  constructor() {
    super('This thread already has a comment with the same author, parent and words.');
    this.name = 'DuplicateCommentError';
  }
}
