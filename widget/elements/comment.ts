import { html, LitElement, nothing } from 'lit';
import type { PublicComment } from '../../server/schema/index.js';
import { avatar } from '../avatar.js';
import type { Format } from '../i18n/format.js';
import { styles } from './comment.styles.js';
import { marks } from './comment-marks.js';

type HtmlPolicy = { createHTML(html: string): unknown };

/**
 * The server's Markdown rendering (raw HTML escaped, only http, https and mailto links) is the one markup
 * the widget takes from outside. Under `require-trusted-types-for 'script'` it enters the DOM through this
 * named policy, not Lit's catch-all `lit-html` one, so a page's CSP can name exactly which policies may
 * exist (`trusted-types lit-html confab`). Browsers without Trusted Types take the string as it is.
 */
export const policy = (
  globalThis as { trustedTypes?: { createPolicy(name: string, rules: HtmlPolicy): HtmlPolicy } }
).trustedTypes?.createPolicy('confab', { createHTML: (html) => html });

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
  /** The body last handed to the policy: a fresh TrustedHTML would make every re-render re-parse it. */
  #body: [source: string, trusted: unknown] = ['', ''];

  override render() {
    const { id, author, createdAt, editedAt, html: body, status } = this.comment;
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
          }${marks(this.comment, fmt)}</span
        >
      </header>
      ${status === 'pending' ? html`<p part="moderation">${fmt.t('awaitingModeration')}</p>` : nothing}
      <div part="body" .innerHTML=${this.#trusted(body)}></div>
      <slot></slot>
    </article>`;
  }

  #trusted(html: string) {
    if (this.#body[0] !== html) this.#body = [html, policy ? policy.createHTML(html) : html];
    return this.#body[1];
  }
}
