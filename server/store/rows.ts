import type { Selectable } from 'kysely';
import type { Database } from './database.js';
import type { BanRecord, CommentRecord, SiteRecord, ThreadRecord } from './store.js';

export type CommentRow = Selectable<Database['comments']>;
export type ThreadRow = Selectable<Database['threads']>;

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
    likes: num(r.likes),
    ...(r.featured_at !== null ? { featuredAt: num(r.featured_at) } : {}),
    ...(num(r.staff) === 1 ? { staff: true as const } : {}),
  };
}

export function toThreadRecord(r: ThreadRow): ThreadRecord {
  return {
    id: num(r.id),
    url: r.url,
    title: r.title,
    createdAt: num(r.created_at),
    closed: r.closed === null ? null : num(r.closed) === 1,
    publishedAt: numOrNull(r.published_at),
    titleUpdatedAt: numOrNull(r.title_updated_at),
    titleLocked: num(r.title_locked) === 1,
    siteId: r.site_id,
  };
}

export function toSiteRecord(r: Selectable<Database['sites']>): SiteRecord {
  return {
    id: r.id,
    name: r.name,
    origins: JSON.parse(r.origins) as string[],
    hosts: JSON.parse(r.hosts) as string[],
    tokenHash: r.token_hash,
    settings: JSON.parse(r.settings) as SiteRecord['settings'],
    createdAt: num(r.created_at),
  };
}

export function toBanRecord(r: Selectable<Database['bans']>): BanRecord {
  return {
    id: num(r.id),
    kind: r.kind,
    value: r.value,
    ipKey: r.ip_key,
    commentId: numOrNull(r.comment_id),
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: num(r.created_at),
    expiresAt: numOrNull(r.expires_at),
  };
}
