import type { Generated } from 'kysely';
import type { ImportRefusalReason } from '../schema/export.js';
import type { CommentStatus } from '../schema/index.js';

/** Table shapes as Kysely sees them; both engines share them. */
export interface Database {
  threads: {
    id: Generated<number>;
    url: string;
    title: string | null;
    created_at: number;
    /** Null follows the age rule; 1 or 0 is an admin's closing or reopening (migration 009). */
    closed: number | null;
    /** The article's publication, as the first post that stated it said. */
    published_at: number | null;
    title_updated_at: number | null;
    /** 1 once an admin set the title. */
    title_locked: Generated<number>;
    /** The site the thread belongs to (migration 010). */
    site_id: Generated<string>;
  };
  /** Sites beyond `default`, which the environment configures (migration 010). */
  sites: {
    id: string;
    name: string;
    /** JSON array of origins allowed to embed and post. */
    origins: string;
    /** JSON array of hosts its thread URLs may have; `*` is any. */
    hosts: string;
    token_hash: string | null;
    /** JSON of the settings the site overrides. */
    settings: string;
    created_at: number;
  };
  comments: {
    id: Generated<number>;
    thread_id: number;
    parent_id: number | null;
    root_id: number | null;
    depth: number;
    author_name: string;
    author_email: string;
    author_website: string | null;
    avatar: string;
    body: string;
    html: string;
    status: CommentStatus;
    created_at: number;
    edited_at: number | null;
    edit_token_hash: string | null;
    ip_hash: string | null;
    body_hash: string | null;
    /** 1 when posted with a proof that the author owns the address (migration 007). */
    verified: Generated<number>;
    /** When an admin featured it; null when not featured (migration 009). */
    featured_at: number | null;
    /** 1 for a reply an admin wrote as the site. */
    staff: Generated<number>;
    /** Rows of comment_likes for it, kept in step by the store. */
    likes: Generated<number>;
  };
  /** One row per browser that likes a comment; the browser's key is kept only as a keyed hash. */
  comment_likes: {
    id: Generated<number>;
    comment_id: number;
    voter_hash: string;
    created_at: number;
  };
  /** Emails and addresses whose posts are quietly kept from readers. */
  bans: {
    id: Generated<number>;
    kind: 'email' | 'ip';
    /** The lower-cased email, or the keyed hash of the address a comment came from. */
    value: string;
    /** For an address: the day key its hash was made with. */
    ip_key: string | null;
    /** For an address: the comment it was taken from. */
    comment_id: number | null;
    reason: string;
    created_by: string;
    created_at: number;
    expires_at: number | null;
  };
  settings: {
    key: string;
    value: string;
  };
  /** Fixed-window hit counters shared by instances (rate limits). */
  counters: {
    key: string;
    hits: number;
    reset_at: number;
  };
  /** Keys claimed once until they expire (single-use proof-of-work solutions). */
  claims: {
    key: string;
    expires_at: number;
  };
  /** Approved comments per thread, kept by triggers on comments (migration 005); no row means none. */
  thread_counts: {
    thread_id: number;
    approved: number;
  };
  /**
   * Mail waiting to go, written in the transaction of the change that causes it (migration 007). A row
   * with no recipient is a `published` comment, fanned out to its subscribers by the worker.
   */
  mail_outbox: {
    id: Generated<number>;
    kind: string;
    recipient: string | null;
    lang: string;
    comment_id: number | null;
    /** JSON of what the template needs beyond the comment. */
    payload: string;
    state: 'queued' | 'digest' | 'sent' | 'dropped' | 'failed';
    attempts: number;
    next_attempt_at: number;
    lease_until: number | null;
    sent_at: number | null;
    last_error: string | null;
    created_at: number;
  };
  /** Who wants to hear of replies to a comment, or of every comment in a thread. */
  mail_subscriptions: {
    id: Generated<number>;
    email: string;
    thread_id: number;
    /** The comment whose replies are wanted; null for the whole thread. */
    comment_id: number | null;
    kind: 'replies' | 'thread';
    lang: string;
    created_at: number;
  };
  /** Addresses that subscribed or asked to be verified; nothing but the confirmation goes to one unconfirmed. */
  mail_addresses: {
    email: string;
    verified_at: number | null;
    confirm_sent_at: number | null;
  };
  /** Hashes of the proofs browsers keep that they confirmed an address. */
  mail_proofs: {
    token_hash: string;
    email: string;
    created_at: number;
  };
  /** One import's run; its staged rows go with it (migration 011). */
  imports: {
    id: Generated<number>;
    started_at: number;
  };
  /** The threads of a file being imported. */
  import_threads: {
    import_id: number;
    key: string;
    seq: number;
    line: number | null;
    url: string | null;
    title: string | null;
    created_at: number | null;
    closed: number | null;
    published_at: number | null;
    title_locked: number;
    listed: number;
    thread_id: number | null;
  };
  /** The comments of a file being imported, with what the import decided of each so far. */
  import_comments: {
    import_id: number;
    seq: number;
    key: string;
    line: number;
    thread_key: string;
    parent_key: string | null;
    wanted_id: number | null;
    author_name: string;
    author_email: string;
    author_website: string | null;
    avatar: string | null;
    body: string;
    status: CommentStatus;
    created_at: number | null;
    edited_at: number | null;
    featured_at: number | null;
    staff: number;
    likes: number;
    refusal: ImportRefusalReason | null;
    message: string | null;
    duplicate: number;
    file_id: number | null;
    generation: number | null;
    placed: Generated<number>;
    anchor_id: number | null;
    anchor_depth: number | null;
    anchor_root: number | null;
  };
}
