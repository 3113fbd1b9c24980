import type { ImportRefusal, ImportRefusalReason } from '../schema/export.js';
import type { CommentStatus } from '../schema/index.js';
import type { CommentRecord, NewBan } from './store.js';

/**
 * The import half of the store: a staging area that holds a file while it is read, and one transaction
 * that writes what the domain decided of it (domain/import-run.ts). The store stages, orders, looks up
 * and writes; which comments are kept, their ids, parents, depths and roots are the domain's to decide.
 */

/** A thread of an imported file. */
export interface StagedThread {
  /** The file's key for it: Disqus dsq:id, a WordPress permalink, a Confab export's url. */
  key: string;
  /** Its place among the file's threads. */
  seq: number;
  /** Line of the thread in the file; null for a Confab export (JSON). */
  line: number | null;
  /** Thread key (domain/url-key.ts); null when the file's link is no usable address. */
  url: string | null;
  title: string | null;
  createdAt: number | null;
  closed: boolean | null;
  publishedAt: number | null;
  titleLocked: boolean;
  /** Created even when none of its comments is kept: a Confab export lists every thread it has. */
  listed: boolean;
}

export interface StagedRefusal {
  reason: ImportRefusalReason;
  message: string;
}

/** A comment of an imported file, as read. */
export interface StagedComment {
  /** Its place among the file's comments. */
  seq: number;
  /** Its id in the file. */
  key: string;
  /** Line of the comment in the file (a Confab export's comments: their index). */
  line: number;
  threadKey: string;
  parentKey: string | null;
  /** The id it asks for; null has it numbered. */
  wantedId: number | null;
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  /** Null: drawn from the email when stored. */
  avatar: string | null;
  body: string;
  status: CommentStatus;
  /** Null when the file has no usable date. */
  createdAt: number | null;
  editedAt: number | null;
  featuredAt: number | null;
  staff: boolean;
  likes: number;
  /** Refused as it was read (no date, trash, pingbacks, a repeated id…); null so far kept. */
  refusal: StagedRefusal | null;
  /** An earlier comment of the file has its key: it is out of every lookup by key. */
  keyTaken: boolean;
}

/** Where an imported comment's replies hang: a stored comment. */
export interface Anchor {
  id: number;
  depth: number;
  rootId: number;
}

/** A staged comment not yet refused, with its thread and its parent's, read in time order to be judged. */
export interface StagedForJudging {
  seq: number;
  createdAt: number;
  wantedId: number | null;
  /** Its thread's key; null when the file has no such thread or its link is no address. */
  url: string | null;
  parentKey: string | null;
  /** The comment its parent key names, if the file has one: only its thread's key matters here. */
  parent: { url: string | null } | null;
}

/** What the domain judged of a comment: refused, or kept under a file id. */
export type Judgement = { seq: number } & (
  | { refusal: StagedRefusal; fileId?: never }
  | { fileId: number; refusal?: never }
);

/** The first thread of the file with each thread key, with the time of the earliest comment kept in it. */
export interface StagedThreadGroup extends Omit<StagedThread, 'key' | 'url'> {
  url: string;
  /** Null when no comment of any of the file's threads with this key was kept. */
  firstKeptAt: number | null;
}

/** A staged comment in parents-first order, with its thread and where its parent was placed. */
export interface StagedForPlacement
  extends Omit<StagedComment, 'threadKey' | 'wantedId' | 'refusal' | 'keyTaken'> {
  generation: number;
  refusal: ImportRefusalReason | null;
  /** The judged id of a kept comment. */
  fileId: number | null;
  url: string | null;
  /** The stored thread of a kept comment. */
  threadId: number | null;
  /** The comment its parent key names, if the file has one. */
  parent: {
    url: string | null;
    /** False while it waits for its own placement: a loop of replies. */
    placed: boolean;
    /** Where replies to it hang; null at the top level. */
    anchor: Anchor | null;
  } | null;
}

/** A stored comment as far as telling an imported one its twin goes. */
export interface StoredTwin extends Anchor {
  threadId: number;
  createdAt: number;
  authorEmail: string;
  body: string;
}

/** A comment the domain has placed, ready to store as is. */
export type ImportedComment = Omit<
  CommentRecord,
  'editTokenHash' | 'ipHash' | 'verified' | 'featuredAt' | 'staff'
> & { featuredAt: number | null; staff: boolean };

/** A thread an import brings. */
export interface ImportThread {
  url: string;
  title: string | null;
  createdAt: number;
  /** Taken by a thread the import creates; a stored thread keeps its own. */
  closed: boolean | null;
  publishedAt: number | null;
  titleLocked: boolean;
}

export type StagedPage<C> = { after: C | null; limit: number };

/** What an import writes, all in one transaction (`ImportStore.runImport`). */
export interface ImportTransaction {
  listStagedThreads(req: StagedPage<number>): Promise<StagedThreadGroup[]>;
  /**
   * The stored thread with this key, or a new one in `siteId`; a stored thread without a title takes
   * the import's. The staged threads with this key are told their thread.
   */
  placeThread(req: { thread: ImportThread; siteId: string }): Promise<{
    id: number;
    created: boolean;
  }>;
  /** Staged comments (not repeated ids) in parents-first order: by generation, then file order. */
  listStagedForPlacement(
    req: StagedPage<{ generation: number; seq: number }>,
  ): Promise<StagedForPlacement[]>;
  /** Stored comments of these threads written at one of these times. */
  findTwins(req: {
    threadIds: readonly number[];
    createdAts: readonly number[];
  }): Promise<StoredTwin[]>;
  /** Those of `ids` that stored comments have. */
  findTakenIds(req: { ids: readonly number[] }): Promise<Set<number>>;
  /**
   * `count` ids no comment has, nor any comment of the import asks for, in increasing order; posts made
   * meanwhile take others.
   */
  newIds(req: { count: number }): Promise<number[]>;
  insertComments(req: { comments: readonly ImportedComment[] }): Promise<void>;
  /** Records where each comment's replies hang (null: the top level). */
  markPlaced(req: { placed: readonly { seq: number; anchor: Anchor | null }[] }): Promise<void>;
  putSettings(req: { settings: readonly { key: string; value: string }[] }): Promise<void>;
  /** Adds each ban unless the same one (kind, value and creation time) is stored already. */
  addBans(req: { bans: readonly NewBan[] }): Promise<void>;
}

export interface ImportStore {
  /** A staging area for one import; those of imports started before `staleBefore` (a crash) are swept. */
  openImport(req: { now: number; staleBefore: number }): Promise<number>;
  stageThreads(req: { importId: number; threads: readonly StagedThread[] }): Promise<void>;
  stageComments(req: { importId: number; comments: readonly StagedComment[] }): Promise<void>;
  /** Those of `keys` that staged comments already have. */
  findStagedKeys(req: { importId: number; keys: readonly string[] }): Promise<Set<string>>;
  /** Comments not refused yet, by time and then file order. */
  listStagedForJudging(
    req: { importId: number } & StagedPage<{ createdAt: number; seq: number }>,
  ): Promise<StagedForJudging[]>;
  judgeStaged(req: { importId: number; judgements: readonly Judgement[] }): Promise<void>;
  /**
   * Numbers the generations of the staged comments: a comment without a parent in the file is of the
   * first, a reply of the one after its parent's. A loop of replies starts a generation at its first
   * comment in the file, as if it had no parent.
   */
  orderStaged(req: { importId: number }): Promise<void>;
  listStagedThreads(req: { importId: number } & StagedPage<number>): Promise<StagedThreadGroup[]>;
  /** The refused comments, the first `limit` of them in file order, and how many there are. */
  listRefusals(req: {
    importId: number;
    limit: number;
  }): Promise<{ count: number; first: ImportRefusal[] }>;
  /** Removes the staging area. */
  closeImport(req: { importId: number }): Promise<void>;
  /**
   * Runs `work` in one transaction over the import's staging area: everything it writes is stored
   * together, or nothing is. One import at a time writes.
   */
  runImport<T>(req: { importId: number }, work: (tx: ImportTransaction) => Promise<T>): Promise<T>;
}
