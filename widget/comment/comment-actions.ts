import { html, nothing, type ReactiveElement } from 'lit';
import type { PublicComment } from '../../server/schema/index.js';
import type { TextKey } from '../i18n/en.js';
import type { Format } from '../i18n/format.js';
import type { ConfabComment } from './comment.js';

/** What a comment's own buttons show: the reader chunk's controllers keep it, the comment draws it. */
export interface CommentActions {
  /** Reply (while the thread is open). */
  reply: boolean;
  liked: boolean;
  likeBusy: boolean;
  /** The like could not be saved: told beside the button. */
  likeFailed: boolean;
  /** The reader's own comment, while they may still change it (or read why they could not). */
  own: boolean;
  /** Edit's editor or Delete's question, when open. */
  open: 'edit' | 'delete' | null;
  busy: boolean;
  error: TextKey | null;
  /** The text the editor opens with. */
  body: string;
}

/** A comment draws again only when something it shows changed, not each time its thread does. */
export function actionsChanged(now: CommentActions | undefined, was: CommentActions | undefined) {
  if (!now || !was) return now !== was;
  return (Object.keys(now) as (keyof CommentActions)[]).some((k) => now[k] !== was[k]);
}

export type ActionKind = 'like' | 'reply' | 'edit' | 'delete' | 'save' | 'confirm' | 'cancel';

/**
 * A reader's click on one of a comment's buttons, up to the thread (it bubbles within the thread's shadow
 * root, never out to the page): the reader chunk's controllers act on it and hand the comment its new state.
 */
export class CommentActionEvent extends Event {
  static readonly type = 'confab-comment-action';
  constructor(
    readonly action: ActionKind,
    readonly id: number,
    /** What the editor holds, for `save`. */
    readonly body = '',
  ) {
    super(CommentActionEvent.type, { bubbles: true });
  }
}

/** Like with its count and Reply, under an approved comment. */
export function likeAndReply(
  comment: PublicComment,
  state: CommentActions,
  fmt: Format,
  act: (action: ActionKind) => void,
) {
  if (comment.status !== 'approved') return nothing;
  const { id, likes } = comment;
  return html`<button
      part="like-button"
      aria-pressed=${state.liked ? 'true' : 'false'}
      aria-describedby=${likes ? `likes-${id}` : nothing}
      aria-disabled=${state.likeBusy ? 'true' : nothing}
      @click=${() => act('like')}
    >${fmt.t('like')}</button
    >${likes ? html`<span part="like-count" id="likes-${id}">${fmt.plural('likes', likes)}</span>` : nothing}${
      state.likeFailed
        ? html`<span part="action-error" role="alert">${fmt.t('likeFailed')}</span>`
        : nothing
    }${
      state.reply
        ? html`<button id="reply-${id}" part="reply-button" @click=${() => act('reply')}>${fmt.t('reply')}</button>`
        : nothing
    }`;
}

/** Focuses `selector` in comment `id` of the thread's list (the featured copy has no buttons) once it has drawn. */
export async function focusInComment(host: ReactiveElement, id: number, selector: string) {
  host.requestUpdate();
  await host.updateComplete;
  const comment = [...host.renderRoot.querySelectorAll<ConfabComment>('confab-comment')].find(
    (c) => c.actions && c.comment.id === id,
  );
  await comment?.updateComplete;
  comment?.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}
