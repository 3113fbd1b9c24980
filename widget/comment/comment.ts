import { html, isServer, LitElement, noChange, nothing } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PublicComment } from '../../server/schema/index.js';
import { authorActions } from '../author-tools/author-actions.js';
import { avatar } from '../avatar.js';
import type { Format } from '../i18n/format.js';
import { actionStyles, styles } from './comment.styles.js';
import {
  type ActionKind,
  actionsChanged,
  CommentActionEvent,
  type CommentActions,
  likeAndReply,
} from './comment-actions.js';
import { marks } from './comment-marks.js';
import { updateInSlice } from './slices.js';

/**
 * The server's Markdown rendering (raw HTML escaped, only http, https and mailto links) is the one markup
 * the widget takes from outside. It goes in as a template of its own, so the server-rendered thread and
 * the browser draw it alike (and hydration adopts it); under Trusted Types it passes Lit's `lit-html`
 * policy like every template.
 */
export const serverHtml = (html: string) => unsafeHTML(html);

/**
 * A comment's body: `serverHtml`, except that a body the server drew is adopted as it is. Lit would
 * otherwise hydrate it as a template of its own, which parses its HTML once more, keeps a second copy of
 * it in Lit's template cache and hashes it: fifty times in the slices of a server-rendered thread. A body
 * edited later is drawn anew.
 */
class BodyHtml extends Directive {
  #shown: string | undefined;

  render(body: string, _adopt: boolean) {
    return serverHtml(body);
  }

  override update(_part: unknown, [body, adopt]: [string, boolean]) {
    if (body === this.#shown) return noChange;
    const first = this.#shown === undefined;
    this.#shown = body;
    return first && adopt ? noChange : this.render(body, adopt);
  }
}
const bodyHtml = directive(BodyHtml);

/** The parts of a comment a page may style: the thread exports them as its own (see README "Embed contract"). */
export const commentParts =
  'comment, meta, avatar, author, permalink, time, edited, verified, moderation, body, deleted, highlighted, mark, staff-mark, featured-mark, like-button, like-count, action-error, reply-button, edit-button, delete-button, editor, textarea, save, cancel, confirm, yes, no';

/**
 * One comment, as the thread element lays it out, with its own buttons (Like, Reply, the author's Edit and
 * Delete) drawn from the state the thread hands it; replies are the thread's business.
 */
export class ConfabComment extends LitElement {
  static override properties = {
    comment: { attribute: false },
    fmt: { attribute: false },
    highlighted: { attribute: false },
    actions: { attribute: false, hasChanged: actionsChanged },
  };
  static override styles = [...styles, actionStyles];

  declare comment: PublicComment;
  declare fmt: Format;
  /** The comment the address points at (#comment-ID). */
  declare highlighted: boolean;
  /** Its buttons' state; none in the featured list, nor before the reader chunk is here. */
  declare actions: CommentActions | undefined;

  /** Drawn by the server already (a declarative shadow root): its first update only adopts that markup. */
  readonly #serverRendered = !isServer && this.shadowRoot !== null;

  /**
   * Hydrating a server-rendered comment waits for a slice of the main thread: fifty of them at once would
   * be one long task, and the reader sees the same comments throughout. (A comment drawn in the browser
   * draws at once, with the rest of its thread, so that the thread appears in one frame.)
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: Lit's own signature for scheduleUpdate.
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || !this.#serverRendered) return super.scheduleUpdate();
    return updateInSlice(() => super.scheduleUpdate());
  }

  override render() {
    const { id, author, createdAt, editedAt, html: body, status, verified } = this.comment;
    const { fmt } = this;
    const part = this.highlighted ? 'comment highlighted' : 'comment';
    // Replies keep their place under a deleted comment; its words and author are gone.
    if (status === 'deleted')
      return html`<article part="${part} deleted" id="comment-${id}">${fmt.t('deleted')}</article>`;
    const name = /^https?:\/\//i.test(author.website ?? '')
      ? html`<a href=${author.website} rel="nofollow ugc noopener">${author.name}</a>`
      : author.name;
    return html`<article part=${part} id="comment-${id}">
      <header part="meta">
        ${avatar(author.avatar, author.name)}
        <b part="author">${name}</b>
        <span
          ><a part="permalink" href="#comment-${id}"
            ><time part="time" datetime=${createdAt}>${fmt.dateTime(createdAt)}</time></a
          >
          ${
            editedAt
              ? html`<time part="edited" datetime=${editedAt} title=${fmt.dateTime(editedAt)}>${fmt.t('edited')}</time>`
              : nothing
          }${marks(this.comment, fmt)}
          ${verified ? html`<span part="verified">${fmt.t('verified')}</span>` : nothing}</span
        >
      </header>
      ${status === 'pending' ? html`<p part="moderation">${fmt.t('awaitingModeration')}</p>` : nothing}
      <div part="body">${bodyHtml(body, this.#serverRendered && !this.hasUpdated)}</div>
      ${this.#actions()}
    </article>`;
  }

  #actions() {
    const { actions, comment, fmt } = this;
    if (!actions) return nothing;
    const act = (action: ActionKind, body?: string) =>
      this.dispatchEvent(new CommentActionEvent(action, comment.id, body));
    return html`${likeAndReply(comment, actions, fmt, act)}${authorActions(comment.id, actions, fmt, act)}`;
  }
}
