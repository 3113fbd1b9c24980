import type { PublicComment, ThreadResponse } from '../../server/schema/index.js';
import type { ThreadController } from './thread-controller.js';

/**
 * Changes to a loaded thread after the first render: later pages, live events, the author's own edits,
 * each made from the thread's state and handed to it whole (ThreadController.edit). The thread's count
 * follows each comment into and out of the approved ones.
 */

function recount(
  t: ThreadController,
  before: PublicComment | undefined,
  after: PublicComment | undefined,
) {
  const delta = Number(after?.status === 'approved') - Number(before?.status === 'approved');
  return delta && t.thread ? { ...t.thread, count: t.thread.count + delta } : t.thread;
}

/** Adds a later page; a comment already shown takes its place in the page's order, so nothing shows twice. */
export function merge(t: ThreadController, { comments, nextCursor }: ThreadResponse) {
  const ids = new Set(comments.map((c) => c.id));
  t.edit({ comments: [...t.comments.filter((c) => !ids.has(c.id)), ...comments], nextCursor });
}

/** Puts a newer version of a shown comment where the old one was (an edit, an approval). */
export function replace(t: ThreadController, comment: PublicComment) {
  const old = t.comments.find((c) => c.id === comment.id);
  if (!old) return;
  t.edit({
    comments: t.comments.map((c) => (c === old ? comment : c)),
    featured: t.featured.map((c) => (c.id === comment.id ? comment : c)),
    thread: recount(t, old, comment),
  });
}

/** A deleted comment keeps its place, emptied, while replies hang from it; without replies it goes. */
export function drop(t: ThreadController, id: number) {
  const gone = t.comments.find((c) => c.id === id);
  if (!gone) return;
  const placeholder: PublicComment = {
    ...gone,
    status: 'deleted',
    html: '',
    author: { name: '', website: null, avatar: '' },
  };
  t.edit({
    comments: t.comments.some((c) => c.parentId === id)
      ? t.comments.map((c) => (c === gone ? placeholder : c))
      : t.comments.filter((c) => c !== gone),
    thread: recount(t, gone, undefined),
  });
}
