import { html, LitElement, nothing } from 'lit';
import type { PublicComment, Sort } from '../../server/schema/index.js';
import { defaultServer } from '../api/client.js';
import type { ReaderController } from '../controllers/reader-controller.js';
import { ThreadController } from '../controllers/thread-controller.js';
import { loadReplyForm } from '../define.js';
import { CommentPostedEvent, CommentSubmitEvent } from '../events.js';
import type { TextKey } from '../i18n/en.js';
import type { Format } from '../i18n/format.js';
import { LocaleController, type Strings } from '../i18n/locale.js';
import { styles } from './comments.styles.js';
import { featuredSection } from './featured.js';

/** Why the thread did not load, where the reader (or the publisher) can do something about it. */
const loadErrorMessage: Record<string, TextKey> = {
  network: 'errorNetwork',
  origin_not_allowed: 'errorOrigin',
};

const commentParts =
  'comment, meta, avatar, author, permalink, time, edited, moderation, body, deleted, highlighted, mark, staff-mark, featured-mark';
const formParts =
  'form, form-heading, cancel-reply, note, label, textarea, input, field-error, submit, status, tabs, tab, remember, body';

/** Resolves once the frame being prepared has been painted (the timer fires after the frame that follows rAF). */
const afterPaint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** `<confab-comments>`: a page's thread and the form to join it. */
export class ConfabComments extends LitElement {
  static override properties = {
    page: {},
    pageTitle: { attribute: 'page-title' },
    published: {},
    server: {},
    sort: {},
    lang: { reflect: true },
    theme: { reflect: true },
    strings: { type: Object },
  };
  static override styles = styles;

  /** The thread's address; defaults to the canonical link, else this page without its fragment. */
  declare page: string | undefined;
  /** Defaults to the page's og:title, else its document title. */
  declare pageTitle: string | undefined;
  /** When the article was published (ISO 8601); defaults to the page's article:published_time. */
  declare published: string | undefined;
  /** The comments server; defaults to where embed.js came from. */
  declare server: string | undefined;
  declare sort: Sort | undefined;
  /** `auto` (the page's color-scheme), `light` or `dark`: styled by widget/styles/tokens.ts. */
  declare theme: 'auto' | 'light' | 'dark' | undefined;
  /** The publisher's wording for any catalogue key; the `strings` attribute takes it as JSON. */
  declare strings: Strings | undefined;

  readonly #locale = new LocaleController(this, () => this.strings);
  readonly #thread = new ThreadController(this, () => ({
    server: this.server || defaultServer,
    url: pageUrl(this.page),
    title: this.#title(),
    sort: this.sort === 'newest' || this.sort === 'best' ? this.sort : 'oldest',
    published: this.published,
  }));

  /**
   * One form for the thread, moved under the comment being replied to: what the reader typed goes with it.
   * Its code arrives just after the thread's first render (loadReplyForm); until then the element holds its
   * place undefined, keeping the properties given to it for when it upgrades.
   */
  readonly #form = document.createElement('confab-reply-form');
  #formLoad: Promise<void> | undefined;
  /** What the thread does after its first render: loaded when it first comes into view, or is reached for. */
  #reader: ReaderController | undefined;
  #readerLoad: Promise<void> | undefined;
  readonly #seen = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    this.#seen.disconnect();
    this.#loadReader();
  });

  constructor() {
    super();
    const form = this.#form;
    form.setAttribute('exportparts', formParts);
    form.addEventListener(CommentSubmitEvent.type, this.#submit);
    // Turning to the form starts the reader, and with it the proof of work posting needs.
    form.addEventListener('focusin', () => this.#loadReader());
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#watch();
    // A link to a comment needs the reader's paging and scrolling, wherever the thread is on the page.
    if (location.hash.startsWith('#comment-')) this.#loadReader();
  }

  protected override updated() {
    this.#watch();
  }

  /**
   * Once the thread is drawn (the first render is one script and one thread request), fetch the form and
   * watch for the thread in view.
   */
  #watch() {
    const { state } = this.#thread;
    if (state !== 'loading') {
      // After the thread's frame is painted, so the first render stays one script and one thread request;
      // offline, say, the next update (a Retry) tries again.
      this.#formLoad ??= afterPaint()
        .then(loadReplyForm)
        .catch(() => {
          this.#formLoad = undefined;
        });
    }
    if (state === 'ready' && !this.#readerLoad) this.#seen.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#seen.disconnect();
  }

  #loadReader() {
    this.#readerLoad ??= import('../controllers/reader-controller.js').then(
      (m) => {
        this.#reader = new m.ReaderController(this, this.#thread);
        this.requestUpdate();
      },
      // Offline, say: the thread works without it, and the reader's next turn to the form tries again.
      () => {
        this.#readerLoad = undefined;
      },
    );
  }

  /** Set from the first render on: render() waits for the language. */
  get #fmt(): Format {
    return this.#locale.fmt!;
  }

  override render() {
    if (!this.#locale.fmt) return nothing;
    const thread = this.#thread;
    const posted = thread.posted;
    const replyTo = this.#reader?.replyTarget();
    Object.assign(this.#form, {
      fmt: this.#fmt,
      busy: thread.posting,
      error: thread.postError,
      notice: posted
        ? this.#fmt.t(posted.status === 'pending' ? 'awaitingModeration' : 'posted')
        : '',
      extras: this.#reader ?? null,
    });
    const form = this.#thread.thread?.closed
      ? html`<p part="closed">${this.#fmt.t('closed')}</p>`
      : replyTo
        ? nothing
        : this.#form;
    return html`${this.#renderThread(replyTo)}${form}`;
  }

  #renderThread(replyTo: PublicComment | undefined) {
    const { state, thread, comments, loadError } = this.#thread;
    const fmt = this.#fmt;
    if (state === 'loading') return html`<p part="loading" role="status">${fmt.t('loading')}</p>`;
    if (state === 'error') {
      return html`<div part="load-error" role="alert">
        <p>${fmt.t(loadErrorMessage[loadError?.code ?? ''] ?? 'loadFailed', { origin: location.origin, setting: 'CONFAB_ORIGINS' })}</p>
        <button part="retry" @click=${() => this.#thread.load()}>${fmt.t('retry')}</button>
      </div>`;
    }
    const count = thread?.count ?? 0;
    const title = this.#title() || thread?.title;
    return html`<h2 part="heading">
        ${title ? fmt.plural('heading', count, { title }) : fmt.plural('headingUntitled', count)}
      </h2>
      ${this.#reader?.head(fmt)} ${featuredSection(this.#thread.featured, fmt, commentParts)}
      ${this.#renderList(childrenByParent(comments), null, replyTo)}
      ${this.#reader?.foot(fmt)}`;
  }

  #renderList(
    children: Map<number | null, PublicComment[]>,
    parent: number | null,
    replyTo?: PublicComment,
  ): unknown {
    const list = children.get(parent);
    if (!list) return nothing;
    const fmt = this.#fmt;
    return html`<ol part=${parent === null ? 'list' : 'replies'}>
      ${list.map(
        (comment) => html`<li>
          <confab-comment exportparts=${commentParts} .comment=${comment} .fmt=${fmt}
            >${this.#reader?.actions(comment, fmt)}</confab-comment
          >
          ${comment === replyTo ? this.#form : nothing} ${this.#renderList(children, comment.id, replyTo)}
        </li>`,
      )}
    </ol>`;
  }

  readonly #submit = async (e: CommentSubmitEvent) => {
    // The draft is ours to post; the page hears about the result instead.
    e.stopPropagation();
    const result = await this.#thread.post(e.draft, this.#reader?.replyTarget()?.id ?? null);
    if (!result) return;
    this.#form.clearBody();
    this.dispatchEvent(new CommentPostedEvent(result.comment));
  };

  #title() {
    return (
      this.pageTitle ??
      document.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content ??
      document.title
    ).trim();
  }
}

/** The thread's address: `page`, else the canonical link, else this page, without the fragment. */
export function pageUrl(page: string | undefined): string {
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
