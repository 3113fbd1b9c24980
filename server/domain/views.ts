import type { AdminComment } from '../schema/admin.js';
import type { PublicComment } from '../schema/index.js';
import type { CommentRecord } from '../store/store.js';

/** Times leave the server as ISO 8601 in UTC; the store keeps epoch milliseconds. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** The only way a comment leaves the server for the public: no email, IP hash or token can slip out. */
export function toPublicComment(c: CommentRecord): PublicComment {
  const deleted = c.status === 'deleted';
  return {
    id: c.id,
    parentId: c.parentId,
    author: deleted
      ? { name: '', website: null, avatar: '' }
      : { name: c.authorName, website: c.authorWebsite, avatar: c.avatar },
    html: deleted ? '' : c.html,
    createdAt: iso(c.createdAt),
    editedAt: c.editedAt === null ? null : iso(c.editedAt),
    status: c.status,
    ...(c.verified && !deleted ? { verified: true as const } : {}),
    likes: deleted ? 0 : c.likes,
    ...(c.featuredAt !== undefined && !deleted ? { featured: true as const } : {}),
    ...(c.staff && !deleted ? { staff: true as const } : {}),
  };
}

/** What the admin sees of a comment: everything but the IP hash and the edit token's hash. */
export function toAdminComment(
  c: CommentRecord,
  thread: { url: string; title: string | null },
): AdminComment {
  return {
    id: c.id,
    parentId: c.parentId,
    thread: { url: thread.url, title: thread.title },
    author: {
      name: c.authorName,
      email: c.authorEmail,
      website: c.authorWebsite,
      avatar: c.avatar,
    },
    body: c.body,
    html: c.html,
    status: c.status,
    createdAt: iso(c.createdAt),
    editedAt: c.editedAt === null ? null : iso(c.editedAt),
    featured: c.featuredAt !== undefined,
    staff: c.staff === true,
    likes: c.likes,
  };
}
