import type { CommentEventType } from '../events/bus.js';
import type { CommentStatus } from '../schema/index.js';

/**
 * What live readers must be told when a comment goes from `before` to `after`, whoever changed it (an
 * admin, or its author's edit). Readers see approved comments and deleted placeholders; pending and spam
 * ones are invisible to them, so one leaving the approved ones goes out as `comment.deleted`.
 */
export function readerEvent(
  before: CommentStatus,
  after: CommentStatus,
  bodyChanged: boolean,
): CommentEventType | null {
  if (before === after) return after === 'approved' && bodyChanged ? 'comment.updated' : null;
  if (after === 'approved') return before === 'deleted' ? 'comment.updated' : 'comment.created';
  if (before === 'approved') return 'comment.deleted';
  return null;
}
