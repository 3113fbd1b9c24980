import { html, isServer, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PublicComment } from '../../server/schema/index.js';
import { avatar } from '../avatar.js';
import type { Format } from '../i18n/format.js';
import { styles } from './comment.styles.js';
import { marks } from './comment-marks.js';
import { inSlice } from './slices.js';

/**
 * The server's Markdown rendering (raw HTML escaped, only http, https and mailto links) is the one markup
 * the widget takes from outside. It goes in as a template of its own, so the server-rendered thread and
 * the browser draw it alike (and hydration adopts it); under Trusted Types it passes Lit's `lit-html`
 * policy like every template.
 */
export const serverHtml = (html: string) => unsafeHTML(html);

/** One comment, as the thread element lays it out; replies are the thread's business. */
export class ConfabComment extends LitElement {
  static override properties = {
    comment: { attribute: false },
    fmt: { attribute: false },
    highlighted: { attribute: false },
  };
  static override styles = styles;

  declare comment: PublicComment;
  declare fmt: Format;
  /** The comment the address points at (#comment-ID). */
  declare highlighted: boolean;

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
    return new Promise<void>((resolve) =>
      inSlice(() => {
        super.scheduleUpdate();
        resolve();
      }),
    );
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
      <div part="body">${serverHtml(body)}</div>
      <slot></slot>
    </article>`;
  }
}
