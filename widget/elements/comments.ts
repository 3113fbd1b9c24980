import { LitElement, html, nothing } from 'lit';
import type { PublicComment, Sort } from '../../server/schema/index.js';
import { defaultServer } from '../api/client.js';
import { ThreadController } from '../controllers/thread-controller.js';
import { CommentPostedEvent, type CommentSubmitEvent } from '../events.js';
import { createFormat, type Format } from '../i18n/format.js';
import { styles } from './comments.styles.js';
import type { ReplyForm } from './reply-form.js';

const commentParts = 'comment, meta, avatar, author, permalink, time, moderation, body';
const formParts = 'form, form-heading, note, label, textarea, input, field-error, submit, status';

/** `<confab-comments>`: a page's thread and the form to join it. */
export class ConfabComments extends LitElement {
  static override properties = {
    page: {},
    pageTitle: { attribute: 'page-title' },
    server: {},
    sort: {},
    lang: { reflect: true },
  };
  static override styles = styles;

  /** The thread's address; defaults to the canonical link, else this page without its fragment. */
  declare page: string | undefined;
  /** Defaults to the page's og:title, else its document title. */
  declare pageTitle: string | undefined;
  /** The comments server; defaults to where embed.js came from. */
  declare server: string | undefined;
  declare sort: Sort | undefined;

  #fmt: Format = createFormat();
  readonly #thread = new ThreadController(this, () => ({
    server: this.server || defaultServer,
    url: pageUrl(this.page),
    title: this.#title(),
    sort: this.sort === 'newest' ? 'newest' : 'oldest',
  }));

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('lang')) this.#fmt = createFormat(this.lang || undefined);
  }

  override render() {
    const thread = this.#thread;
    const posted = thread.posted;
    return html`${this.#renderThread()}
      <confab-reply-form
        exportparts=${formParts}
        .fmt=${this.#fmt}
        .busy=${thread.posting}
        .error=${thread.postError}
        .notice=${posted ? this.#fmt.t(posted.status === 'pending' ? 'awaitingModeration' : 'posted') : ''}
        @confab-submit=${this.#submit}
      ></confab-reply-form>`;
  }

  #renderThread() {
    const { state, thread, comments, loadError } = this.#thread;
    const fmt = this.#fmt;
    if (state === 'loading') return html`<p part="loading" role="status">${fmt.t('loading')}</p>`;
    if (state === 'error') {
      return html`<div part="load-error" role="alert">
        <p>${fmt.t(loadError?.code === 'network' ? 'errorNetwork' : 'loadFailed')}</p>
        <button part="retry" @click=${() => this.#thread.load()}>${fmt.t('retry')}</button>
      </div>`;
    }
    const count = thread?.count ?? 0;
    const title = this.#title() || thread?.title;
    return html`<h2 part="heading">
        ${title ? fmt.plural('heading', count, { title }) : fmt.plural('headingUntitled', count)}
      </h2>
      ${this.#renderList(childrenByParent(comments), null)}`;
  }

  #renderList(children: Map<number | null, PublicComment[]>, parent: number | null): unknown {
    const list = children.get(parent);
    if (!list) return nothing;
    return html`<ol part=${parent === null ? 'list' : 'replies'}>
      ${list.map(
        (comment) => html`<li>
          <confab-comment exportparts=${commentParts} .comment=${comment} .fmt=${this.#fmt}></confab-comment>
          ${this.#renderList(children, comment.id)}
        </li>`,
      )}
    </ol>`;
  }

  async #submit(e: CommentSubmitEvent) {
    // The draft is ours to post; the page hears about the result instead.
    e.stopPropagation();
    const form = e.currentTarget as ReplyForm;
    const result = await this.#thread.post(e.draft);
    if (!result) return;
    form.clearBody();
    this.dispatchEvent(new CommentPostedEvent(result.comment));
  }

  #title() {
    return (
      this.pageTitle ??
      document.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content ??
      document.title
    ).trim();
  }
}

function pageUrl(page: string | undefined): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  try {
    const url = new URL(page || canonical || location.href, document.baseURI);
    url.hash = '';
    return url.href;
  } catch {
    // Let the server say what is wrong with it: the reader then sees the load error.
    return page ?? '';
  }
}

/** Replies keyed by parent id; a reply whose parent is not in the list shows at the top level. */
function childrenByParent(comments: PublicComment[]) {
  const ids = new Set(comments.map((c) => c.id));
  const children = new Map<number | null, PublicComment[]>();
  for (const c of comments) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(c);
    else children.set(parent, [c]);
  }
  return children;
}
