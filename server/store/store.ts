import type { CommentStatus, Sort } from '../schema/index.js';

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
}

export interface ThreadRecord {
  id: number;
  url: string;
  title: string | null;
  createdAt: number;
}

export interface PageCursor {
  createdAt: number;
  id: number;
}

export interface ThreadPageRequest {
  url: string;
  sort: Sort;
  limit: number;
  after: PageCursor | null;
  /** Statuses a reader may see (placeholders of deleted comments included). */
  statuses: readonly CommentStatus[];
}

export interface ThreadPage {
  thread: ThreadRecord | null;
  /** Approved comments in the whole thread. */
  count: number;
  /** Top-level comments of the page, each followed by its visible replies, parents before children. */
  comments: CommentRecord[];
  /** Position of the last top-level comment when more follow. */
  next: PageCursor | null;
}

export interface NewComment {
  url: string;
  title: string | null;
  parentId: number | null;
  depth: number;
  rootId: number | null;
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  avatar: string;
  body: string;
  html: string;
  status: CommentStatus;
  createdAt: number;
  editTokenHash: string | null;
  ipHash: string | null;
  /**
   * Fingerprint of author, parent and words (domain/duplicates.ts); a second comment with the same one in
   * the same thread is refused with DuplicateCommentError. Null for comments exempt from the check.
   */
  bodyHash?: string | null;
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
}

/**
 * Everything the server persists. Small, async, one request object per verb, so SQLite and
 * PostgreSQL implement the same contract (tests/server/store-contract.ts).
 */
export interface Store {
  /**
   * Creates the thread when it is new; the title is filled in when it was unknown. Throws
   * DuplicateCommentError when the thread already has this author's comment with the same bodyHash.
   */
  insertComment(req: NewComment): Promise<{ comment: CommentRecord; thread: ThreadRecord }>;
  getComment(req: { id: number }): Promise<CommentRecord | undefined>;
  getThreadById(req: { id: number }): Promise<ThreadRecord | undefined>;
  getThreadPage(req: ThreadPageRequest): Promise<ThreadPage>;
  updateComment(req: CommentChanges): Promise<CommentRecord | undefined>;
  hasReplies(req: { id: number }): Promise<boolean>;
  /** Whether this (lower-cased) email has any approved comment. */
  hasApprovedComment(req: { email: string }): Promise<boolean>;
  /** Removes the row for good; replies must have been handled by the caller. */
  eraseComment(req: { id: number }): Promise<boolean>;
  /** Approved-comment counts for each URL key; unknown URLs count 0. One query. */
  countApproved(req: { urls: readonly string[] }): Promise<Map<string, number>>;
  /** A value kept across restarts, created by `init` the first time it is asked for. */
  getOrCreateSetting(req: { key: string; init: () => string }): Promise<string>;
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
  /** Forgets the IP hash of comments created before `before`; returns how many were cleared. */
  purgeIpHashes(req: { before: number }): Promise<number>;
  getSetting(req: { key: string }): Promise<string | undefined>;
  /** Removes the settings whose key starts with `prefix`, but those in `except`; returns how many. */
  deleteSettings(req: { prefix: string; except: readonly string[] }): Promise<number>;
  putSetting(req: { key: string; value: string }): Promise<void>;
  /** Comments for the admin, newest first, filtered by status, thread and a search. */
  listAdminComments(
    req: AdminCommentQuery,
  ): Promise<{ comments: AdminCommentRecord[]; next: PageCursor | null }>;
  /** Comments per status, in one thread when `url` is given. */
  countByStatus(req: { url: string | null }): Promise<Record<CommentStatus, number>>;
  countThreads(): Promise<number>;
  listCommentsByEmail(req: { email: string }): Promise<AdminCommentRecord[]>;
  /** Every thread and every comment (by id). */
  exportAll(): Promise<{ threads: ThreadRecord[]; comments: AdminCommentRecord[] }>;
  /** All or nothing, in one transaction. */
  importAll(req: ImportRequest): Promise<ImportCounts>;
  /** All or nothing, in one transaction. */
  eraseAuthor(req: AuthorErasure): Promise<AuthorErasureCounts>;
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
}

export interface ImportThread {
  url: string;
  title: string | null;
  createdAt: number;
}

/** A comment as an import brings it; `id` is the id in the imported file (kept when free, else the comment
 * gets a new id and its replies follow), `parentId` the file id of a comment listed earlier in the request. */
export type ImportComment = Pick<
  CommentRecord,
  | 'id'
  | 'parentId'
  | 'authorName'
  | 'authorEmail'
  | 'authorWebsite'
  | 'avatar'
  | 'body'
  | 'html'
  | 'status'
  | 'createdAt'
  | 'editedAt'
> & { threadUrl: string };

export interface ImportRequest {
  threads: readonly ImportThread[];
  /** Parents before their replies. */
  comments: readonly ImportComment[];
  settings: readonly { key: string; value: string }[];
}

export interface ImportCounts {
  threadsCreated: number;
  threadsExisting: number;
  commentsImported: number;
  /** Already stored: same thread, author email, creation time and body. */
  commentsSkipped: number;
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
