import type { ModerationMode } from '../config.js';
import type { CommentStatus } from '../schema/index.js';

export interface StatusInput {
  mode: ModerationMode;
  maxLinks: number;
  links: number;
  /** Whether this email already has an approved comment (WordPress's "comment author must have a previously approved comment"). */
  knownAuthor: boolean;
}

/** The status a new comment starts in: held for a human whenever the site's rules say so. */
export function initialStatus(s: StatusInput): CommentStatus {
  if (s.links > s.maxLinks) return 'pending';
  if (s.mode === 'all') return 'pending';
  if (s.mode === 'first-time' && !s.knownAuthor) return 'pending';
  return 'approved';
}
