import type { Generated } from 'kysely';
import type { CommentStatus } from '../schema/index.js';

/** Table shapes as Kysely sees them; both engines share them. */
export interface Database {
  threads: {
    id: Generated<number>;
    url: string;
    title: string | null;
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
}
