import { LitElement, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PublicComment } from '../../server/schema/index.js';
import { avatar } from '../avatar.js';
import type { Format } from '../i18n/format.js';
import { styles } from './comment.styles.js';

/** One comment, as the thread element lays it out; replies are the thread's business. */
export class ConfabComment extends LitElement {
  static override properties = {
    comment: { attribute: false },
    fmt: { attribute: false },
  };
  static override styles = styles;

  declare comment: PublicComment;
  declare fmt: Format;

  override render() {
    const { id, author, createdAt, html: body, status } = this.comment;
    const name = /^https?:\/\//i.test(author.website ?? '')
      ? html`<a href=${author.website} rel="nofollow ugc noopener">${author.name}</a>`
      : author.name;
    return html`<article part="comment" id="comment-${id}">
      <header part="meta">
        ${avatar(author.avatar, author.name)}
        <b part="author">${name}</b>
        <a part="permalink" href="#comment-${id}"
          ><time part="time" datetime=${createdAt}>${this.fmt.dateTime(createdAt)}</time></a
        >
      </header>
      ${status === 'pending' ? html`<p part="moderation">${this.fmt.t('awaitingModeration')}</p>` : nothing}
      <div part="body">${unsafeHTML(body)}</div>
    </article>`;
  }
}
