import type { Selectable } from 'kysely';
import type { Database } from './database.js';
import type { CommentRecord } from './store.js';

export type CommentRow = Selectable<Database['comments']>;

// PostgreSQL returns bigint columns as strings; Number() gives both engines one record shape.
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** A comments row as the record every store verb returns. */
export function toCommentRecord(r: CommentRow): CommentRecord {
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
    ...(num(r.verified) === 1 ? { verified: true as const } : {}),
  };
}
