import type { PostCommentInput, PublicComment } from '../server/schema/index.js';

/** What the reader typed; the thread adds the page's url and title. */
export type CommentDraft = Pick<PostCommentInput, 'body' | 'author' | 'parentId'>;

/** Fired on `<confab-comments>` once the server has accepted a comment (approved or held for moderation). */
export class CommentPostedEvent extends Event {
  static readonly type = 'confab-comment-posted';
  readonly comment: PublicComment;

  constructor(comment: PublicComment) {
    super(CommentPostedEvent.type, { bubbles: true, composed: true });
    this.comment = comment;
  }
}

/** Fired by the reply form when the reader submits; the thread element posts it. */
export class CommentSubmitEvent extends Event {
  static readonly type = 'confab-submit';
  readonly draft: CommentDraft;

  constructor(draft: CommentDraft) {
    super(CommentSubmitEvent.type, { bubbles: true, composed: true });
    this.draft = draft;
  }
}

declare global {
  interface HTMLElementEventMap {
    [CommentPostedEvent.type]: CommentPostedEvent;
    [CommentSubmitEvent.type]: CommentSubmitEvent;
  }
}
