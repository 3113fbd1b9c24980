import { html, isServer, LitElement, nothing } from 'lit';
import type { PublicComment, Sort, ThreadResponse } from '../../server/schema/index.js';
import { defaultServer, getFeatures } from '../api/client.js';
import { loadReader, type Reader } from '../define.js';
import { CommentPostedEvent, CommentSubmitEvent } from '../events.js';
import type { ReplyForm } from '../form/reply-form.js';
import type { TextKey } from '../i18n/en.js';
import type { Format } from '../i18n/format.js';
import { LocaleController, type Strings } from '../i18n/locale.js';
import { addStyles } from '../styles/add-styles.js';
import { styles } from './comments.styles.js';
import { reserveBelow, whenNear } from './near.js';
import { pageUrl } from './page-url.js';
import type { ReaderController } from './reader-controller.js';
import { ThreadController } from './thread-controller.js';
import { childrenByParent } from './tree.js';

/** Why the thread did not load, where the reader (or the publisher) can do something about it. */
const loadErrorMessage: Record<string, TextKey> = {
  network: 'errorNetwork',
  origin_not_allowed: 'errorOrigin',
};

const formParts =
  'form, form-heading, cancel-reply, note, label, textarea, input, field-error, submit, status, tabs, tab, remember, notify, verify, body';

/** What the server renderer (server/render/thread-fragment.ts) hands the element in place of a browser. */
export interface ServerRendering {
  page: ThreadResponse;
  fmt: Format;
  reader: ReaderViews & Pick<Reader, 'ReaderController'>;
}

/** What the thread draws from the reader controller's state above and below its list, and its styles: with the reader chunk. */
type ReaderViews = Pick<Reader, 'threadHead' | 'featuredSection' | 'threadFoot' | 'threadStyles'>;

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
    loading: {},
    strings: { type: Object },
    rendering: { attribute: false },
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
  /**
   * `lazy` (the default, as for iframes): nothing is requested until the thread is about a screen away
   * from view. `eager`: at once. A link to a comment, and a server-rendered thread, are always eager.
   */
  declare loading: 'lazy' | 'eager' | undefined;
  /** The publisher's wording for any catalogue key; the `strings` attribute takes it as JSON. */
  declare strings: Strings | undefined;
  /** Set by the server renderer only; in a browser the thread, language and reader arrive by themselves. */
  declare rendering: ServerRendering | undefined;

  readonly #locale = new LocaleController(this, () => this.strings);
  readonly #thread = new ThreadController(this, () => ({
    server: this.server || defaultServer,
    url: isServer ? (this.page ?? '') : pageUrl(this.page),
    title: this.#title(),
    sort: this.sort === 'newest' || this.sort === 'best' ? this.sort : 'oldest',
    published: this.published,
  }));

  /** Everything the thread draws and does beyond this shell: it arrives with the thread (reader.ts). */
  #reader: ReaderController | undefined;
  #views: ReaderViews | undefined;
  #styled = false;
  /** Drawn by the server already, which it adopts (see #hydrate): its shadow root has every style it needs. */
  #serverRendered = false;
  #readerLoad: Promise<Reader | undefined> | undefined;
  /** The reader chunk could not be fetched (offline, say): an error then shows without the form. */
  #readerFailed = false;
  /**
   * One form for the thread, moved under the comment being replied to: what the reader typed goes with it.
   * It is drawn from its template (the server's rendering has it too) and stays in that template's place
   * until the first render that puts it elsewhere or nowhere (a reply, a closed thread, a thread drawn
   * again in slices); from then on the thread hands Lit this node, which Lit moves. Handing the node over
   * earlier would take the form out and put it back: a reader's focus in it lost, and one more render of
   * the whole thread.
   */
  #form: ReplyForm | undefined;
  #formMoves = false;
  /** Stops waiting for a lazy thread to come near the viewport. */
  #stopWaiting: (() => void) | undefined;

  override connectedCallback() {
    const rendered = this.querySelector(':scope > script[type="application/json"]')?.textContent;
    // Lit must not draw over the server's markup before it can adopt it: see #hydrate.
    if (rendered && this.shadowRoot && !this.#thread.started) {
      this.#serverRendered = true;
      return void this.#hydrate(JSON.parse(rendered));
    }
    super.connectedCallback();
    if (this.#thread.started) return;
    // A link to a comment needs the thread, wherever it is on the page; the proof an emailed link brings
    // back (#confab-proof=…) is for the reader chunk to keep, before anything else.
    const now = this.loading === 'eager' || /^#(comment-|confab-proof=)/.test(location.hash);
    this.#stopWaiting = whenNear(this, now, (box) => this.#start(box));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#stopWaiting?.();
  }

  /**
   * Reserves the thread's space at once (`box` is where the element is now), then fetches the thread and the
   * reader chunk side by side in a task of its own: starting the requests costs a phone tens of milliseconds,
   * which the task that evaluated embed.js need not carry too. The thread is drawn once both are here, in
   * slices (see ThreadSlices).
   */
  #start(box: DOMRectReadOnly) {
    reserveBelow(this, box);
    setTimeout(() => {
      if (this.#thread.started) return;
      this.#thread.start();
      // The reader chunk's request and the features' in the next task: each request costs a few ms too.
      setTimeout(() => void this.#loadReader());
    });
  }

  /**
   * A server-rendered thread: its comments are in the page already (the JSON beside the markup), so no
   * request for them. Once the reader chunk and the language are here, Lit adopts the markup as it is.
   */
  async #hydrate(page: ThreadResponse) {
    this.#thread.use(page);
    // What the server's formats answered (absent from a fragment rendered before they were sent).
    const formatted = this.querySelector(':scope > script[data-formatted]')?.textContent;
    if (formatted) this.#locale.hydrateWith(JSON.parse(formatted));
    // Hydration support arrives with the reader chunk, which waits for the language too: the first render
    // must speak the server's.
    const reader = await this.#loadReader({ mail: this.hasAttribute('mail') });
    // Adopting the markup is a task of its own, after the one that made the reader.
    await new Promise((resolve) => setTimeout(resolve));
    // Without the reader chunk (offline, say) the server's markup stays, readable as it is.
    if (reader && this.isConnected) super.connectedCallback();
  }

  /**
   * The reader chunk, and whether the server sends mail: both before the first render, which then draws the
   * form's email options or not, once for good. A server-rendered thread (`rendered`) says whether itself.
   */
  #loadReader(rendered?: { mail: boolean }) {
    if (this.#readerLoad) return this.#readerLoad;
    this.#readerFailed = false;
    const { server } = this.#thread.source;
    const features =
      rendered?.mail ??
      getFeatures(server).then(
        (f) => f.mail,
        () => false,
      );
    // The reader in a task after the one that evaluated its chunk, and the thread's first render in the
    // task after that: each is long enough on its own.
    const nextTask = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value)));
    this.#readerLoad = Promise.all([loadReader(), features, this.#locale.ready()])
      // A language without Written data (en-GB, say) loads the browser's locale data before the first
      // render, in tasks of its own, so that no slice of the thread does; a server's rendering brought its.
      .then(async (loaded) => {
        if (!rendered && this.#fmt?.needsIntl()) await loaded[0].warmFormats(this.#fmt);
        return loaded;
      })
      .then(nextTask)
      .then(
        ([m, on]) => {
          m.knowMail(server, on);
          this.#reader = new m.ReaderController(this, this.#thread, rendered !== undefined);
          this.#views = m;
          setTimeout(() => this.requestUpdate());
          return m;
        },
        // Offline, say: the next attempt (a Retry) tries again.
        () => {
          this.#readerLoad = undefined;
          this.#readerFailed = true;
          this.#thread.fail();
          return undefined;
        },
      );
    return this.#readerLoad;
  }

  /**
   * Resolves once the thread is drawn to its last slice, not only after this element's own render. (Lit's
   * own promise when nothing is being drawn: no later step waits longer than it did.)
   */
  protected override getUpdateComplete(): Promise<boolean> {
    const own = super.getUpdateComplete();
    const slices = this.#reader?.slices;
    if (!slices?.drawing) return own;
    return own.then(() => slices.drawn).then(() => super.getUpdateComplete());
  }

  protected override willUpdate() {
    const given = this.rendering;
    if (!isServer) return this.#style();
    if (!given || this.#reader) return;
    this.#thread.use(given.page);
    this.#reader = new given.reader.ReaderController(this, this.#thread);
    this.#views = given.reader;
  }

  /**
   * The styles of what the thread draws from the reader chunk, which brings them: in the thread's root
   * before the first render that draws it. A server's rendering has them in its own `<style>`, which stays:
   * adopting them again would build two style sheets and restyle the whole thread in the hydrating task.
   */
  #style() {
    if (!this.#views || this.#styled) return;
    this.#styled = true;
    if (!this.#serverRendered) addStyles(this, [this.#views.threadStyles]);
  }

  protected override updated() {
    if (this.#form) return;
    const form = this.renderRoot.querySelector('confab-reply-form');
    if (!form) return;
    this.#form = form;
    form.addEventListener(CommentSubmitEvent.type, this.#submit);
  }

  /** The thread's language: the browser's catalogue, or on the server the one it rendered with. */
  get #fmt(): Format | null {
    return this.#locale.fmt ?? this.rendering?.fmt ?? null;
  }

  override render() {
    const fmt = this.#fmt;
    if (!fmt || !this.#thread.started) return nothing;
    const { state } = this.#thread;
    const reader = this.#reader;
    // The form stays usable when the thread could not be read: posting may still get through, or say why not.
    // While the form's code is still on its way (or not yet asked for: a refused connection can fail the
    // thread's request before the task that asks) the error waits for it, so the two appear in one frame.
    if (state === 'error' && (reader || this.#readerFailed))
      return html`${this.#renderError(fmt)}${reader ? this.#renderForm(fmt, reader) : nothing}`;
    // The whole thread, form included, appears in one frame: nothing in it moves when the rest arrives.
    if (state === 'loading' || !reader)
      return html`<p part="loading" role="status">${fmt.t('loading')}</p>`;
    const closed = this.#thread.thread?.closed === true;
    const replyTo = closed ? undefined : reader.replyTarget();
    // Rendered once, placed under the comment being replied to or else below the thread; a closed thread
    // shows its notice instead, while the form keeps its properties (a post refused as closed says so)
    // and what the reader typed, for when the thread reopens. The notice is a status: a thread closing
    // while the reader is there is announced. A thread drawn in slices gets them with its last slice, under
    // every comment, so they never move (in the same template: a different one would draw the whole thread
    // again).
    if (this.#form && (closed || replyTo || !reader.slices.complete)) this.#formMoves = true;
    const form = reader.slices.complete ? this.#renderForm(fmt, reader) : nothing;
    const below =
      form === nothing
        ? nothing
        : closed
          ? html`<p part="closed" role="status">${fmt.t('closed')}</p>`
          : replyTo
            ? nothing
            : form;
    return html`${this.#renderThread(fmt, reader, replyTo, form)}${below}`;
  }

  #renderError(fmt: Format) {
    const { loadError } = this.#thread;
    return html`<div part="load-error" role="alert">
      <p>${fmt.t(loadErrorMessage[loadError?.code ?? ''] ?? 'loadFailed', { origin: location.origin, setting: 'CONFAB_ORIGINS' })}</p>
      <button part="retry" @click=${this.#retry}>${fmt.t('retry')}</button>
    </div>`;
  }

  readonly #retry = () => {
    void this.#loadReader();
    void this.#thread.load();
  };

  /** The form: from its template until it first moves, then the same node, given its properties either way. */
  #renderForm(fmt: Format, reader: ReaderController) {
    const thread = this.#thread;
    const posted = thread.posted;
    const props = {
      fmt,
      busy: thread.posting,
      error: thread.postError,
      notice: posted ? fmt.t(posted.status === 'pending' ? 'awaitingModeration' : 'posted') : '',
      extras: reader,
    };
    if (this.#formMoves) return Object.assign(this.#form!, props);
    return html`<confab-reply-form exportparts=${formParts} .fmt=${props.fmt} .busy=${props.busy}
      .error=${props.error} .notice=${props.notice} .extras=${props.extras}></confab-reply-form>`;
  }

  #renderThread(
    fmt: Format,
    reader: ReaderController,
    replyTo: PublicComment | undefined,
    form: unknown,
  ) {
    const { thread, comments } = this.#thread;
    const count = thread?.count ?? 0;
    const title = this.#title() || thread?.title;
    return html`<h2 part="heading">
        ${title ? fmt.plural('heading', count, { title }) : fmt.plural('headingUntitled', count)}
      </h2>
      ${this.#views!.threadHead(reader, fmt)} ${this.#views!.featuredSection(this.#thread.featured, fmt, reader.commentParts)}
      ${this.#renderList(fmt, reader, childrenByParent(comments), null, replyTo, form)}
      ${reader.slices.complete ? this.#views!.threadFoot(reader, fmt) : nothing}`;
  }

  #renderList(
    fmt: Format,
    reader: ReaderController,
    children: Map<number | null, PublicComment[]>,
    parent: number | null,
    replyTo: PublicComment | undefined,
    form: unknown,
  ): unknown {
    let list = children.get(parent);
    if (!list) return nothing;
    if (parent === null) list = list.slice(0, reader.slices.shown(list, children));
    return html`<ol part=${parent === null ? 'list' : 'replies'}>
      ${list.map(
        (comment) => html`<li>
          <confab-comment exportparts=${reader.commentParts} .comment=${comment} .fmt=${fmt}
            .actions=${reader.actionsOf(comment)}></confab-comment>
          ${comment === replyTo ? form : nothing} ${this.#renderList(fmt, reader, children, comment.id, replyTo, form)}
        </li>`,
      )}
    </ol>`;
  }

  readonly #submit = async (e: Event) => {
    // The draft is ours to post; the page hears about the result instead.
    e.stopPropagation();
    const reader = await this.#readerLoad;
    if (!reader) return;
    const { draft } = e as CommentSubmitEvent;
    const result = await this.#thread.post(
      draft,
      this.#reader?.replyTarget()?.id ?? null,
      reader.send,
    );
    if (!result) return;
    this.#form?.clearBody();
    this.dispatchEvent(new CommentPostedEvent(result.comment));
  };

  #title() {
    if (isServer) return (this.pageTitle ?? '').trim();
    return (
      this.pageTitle ??
      document.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content ??
      document.title
    ).trim();
  }
}
