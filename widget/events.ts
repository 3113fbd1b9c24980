import type { PostCommentInput, PublicComment } from '../server/schema/index.js';

/**
 * What the reader typed, in the language the widget speaks (for their emails); the thread adds the page's
 * url and title, the parent and the proof of work.
 */
export type CommentDraft = Pick<PostCommentInput, 'body' | 'author' | 'lang'> & {
  /** The remember-me box; undefined while the box is not there yet (its chunk is still on its way). */
  remember?: boolean | undefined;
  /** The "Notify me of follow-up comments by email" box; undefined when mail is off. */
  subscribe?: boolean | undefined;
  /** The honeypot field: people never see it, so it comes back empty from them. */
  hp?: string | undefined;
};

const composed = { bubbles: true, composed: true };

/** Fired on `<confab-comments>` once the server has accepted a comment (approved or held for moderation). */
export class CommentPostedEvent extends Event {
  static readonly type = 'confab-comment-posted';
  readonly comment: PublicComment;

  constructor(comment: PublicComment) {
    super(CommentPostedEvent.type, composed);
    this.comment = comment;
  }
}

/** Fired by the reply form when the reader submits; the thread element posts it. */
export class CommentSubmitEvent extends Event {
  static readonly type = 'confab-submit';
  readonly draft: CommentDraft;

  constructor(draft: CommentDraft) {
    super(CommentSubmitEvent.type, composed);
    this.draft = draft;
  }
}

declare global {
  interface HTMLElementEventMap {
    [CommentPostedEvent.type]: CommentPostedEvent;
    [CommentSubmitEvent.type]: CommentSubmitEvent;
  }
}
