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
  /** Creates the thread when it is new; the title is filled in when it was unknown. */
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
  ping(): Promise<void>;
  close(): Promise<void>;
}
