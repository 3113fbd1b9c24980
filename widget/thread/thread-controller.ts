import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  PostCommentResult,
  PublicComment,
  Sort,
  Thread,
  ThreadResponse,
} from '../../server/schema/index.js';
import { ApiError, getThread } from '../api/client.js';
import type { CommentDraft } from '../events.js';
import type { send as Send } from '../form/posting.js';

/** Which thread to show, read from the host on every update. */
export interface ThreadSource {
  server: string;
  url: string;
  title: string;
  sort: Sort;
  /** The element's `published` attribute; posting falls back to the page's article:published_time. */
  published?: string | undefined;
}

/** What the reader chunk changes in a loaded thread (thread-edits.ts): later pages, live news, the author's edits. */
export type ThreadEdit = Partial<
  Pick<ThreadController, 'thread' | 'comments' | 'featured' | 'nextCursor'>
>;

/**
 * Loads a page's thread and posts to it. The host renders the public fields, which change only through
 * this controller's methods: the reader controller's paging, live updates and the author's edits go
 * through `edit`.
 */
export class ThreadController implements ReactiveController {
  state: 'loading' | 'ready' | 'error' = 'loading';
  thread: Thread | null = null;
  comments: PublicComment[] = [];
  /** The thread's featured comments, shown first; they keep their place in `comments` too. */
  featured: PublicComment[] = [];
  /** Where the next page starts; null when this is all of the thread. */
  nextCursor: string | null = null;
  loadError: ApiError | null = null;
  posting = false;
  postError: ApiError | null = null;
  /** The reader's latest comment, until they post again. */
  posted: PublicComment | null = null;
  /** Lazy threads load only once the host says so (it is near the viewport, or wanted now). */
  started = false;
  /** Loads fetched so far: each one is drawn anew (a server's rendering, taken by `use`, is not one). */
  loads = 0;

  readonly #host: ReactiveControllerHost;
  readonly #source: () => ThreadSource;
  /** Server, url and sort of the loaded thread; a change of any of them loads again. */
  #key = '';
  #abort: AbortController | null = null;
  /** Called after each load: the reader controller puts the author's held comments back in. */
  #afterLoad: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, source: () => ThreadSource) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  hostConnected() {
    // Reconnected after a disconnect cut a load short: load on the coming update.
    if (!this.#key) this.#host.requestUpdate();
  }

  hostDisconnected() {
    if (this.state === 'loading') {
      this.#abort?.abort();
      this.#key = '';
    }
  }

  hostUpdate() {
    if (this.started && this.#keyOf(this.#source()) !== this.#key) void this.load();
  }

  /** The host says the thread is wanted now: it loads on the coming update. */
  start() {
    this.started = true;
    this.#host.requestUpdate();
  }

  /** `done` runs after each load, and after each `reload`. */
  onLoad(done: () => void) {
    this.#afterLoad = done;
  }

  /** Takes a change made in the reader chunk, and draws it. */
  edit(edit: ThreadEdit) {
    Object.assign(this, edit);
    this.#host.requestUpdate();
  }

  /** The thread loaded again by other means (the live stream's catch-up): as a load, without a "Loading". */
  reload(page: ThreadResponse) {
    this.edit({ thread: page.thread, comments: page.comments, nextCursor: page.nextCursor });
    this.#afterLoad?.();
  }

  /** A page of the thread that is already here (rendered by the server): shown as it is, not fetched. */
  use(page: ThreadResponse) {
    this.started = true;
    this.#key = this.#keyOf(this.#source());
    this.thread = page.thread;
    this.comments = page.comments;
    this.featured = page.featured;
    this.nextCursor = page.nextCursor;
    this.state = 'ready';
  }

  /** What the thread needs besides its comments (the reader chunk) did not arrive. */
  fail() {
    this.#abort?.abort();
    this.#key = '';
    this.loadError = new ApiError('network', 'The widget could not load its code.');
    this.state = 'error';
    this.#host.requestUpdate();
  }

  /** The thread shown now, as the host describes it. */
  get source(): ThreadSource {
    return this.#source();
  }

  async load() {
    const source = this.#source();
    this.#key = this.#keyOf(source);
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.state = 'loading';
    this.loadError = null;
    this.#host.requestUpdate();
    try {
      const page = await getThread(
        source.server,
        { url: source.url, sort: source.sort },
        abort.signal,
      );
      this.thread = page.thread;
      this.comments = page.comments;
      this.featured = page.featured;
      this.nextCursor = page.nextCursor;
      this.state = 'ready';
      this.loads++;
      this.#afterLoad?.();
    } catch (e) {
      if (abort.signal.aborted) return;
      this.loadError = toApiError(e);
      this.state = 'error';
    }
    this.#host.requestUpdate();
  }

  /** Resolves to the server's answer, or null when posting failed (see `postError`). */
  async post(
    draft: CommentDraft,
    parentId: number | null,
    send: typeof Send,
  ): Promise<PostCommentResult | null> {
    if (this.posting) return null;
    const source = this.#source();
    const key = this.#keyOf(source);
    this.posting = true;
    this.postError = null;
    this.posted = null;
    this.#host.requestUpdate();
    try {
      const result = await send(source.server, {
        ...draft,
        parentId,
        url: source.url,
        title: source.title,
        published: source.published,
      });
      // The page may have switched threads while the request was out.
      if (key === this.#key) this.add(result.comment);
      this.posted = result.comment;
      return result;
    } catch (e) {
      this.postError = toApiError(e);
      // Closed since the thread was loaded: the form gives way to "Comments are closed."
      if (this.postError.code === 'thread_closed' && this.thread)
        this.thread = { ...this.thread, closed: true };
      return null;
    } finally {
      this.posting = false;
      this.#host.requestUpdate();
    }
  }

  /** Shows a new comment where its sort order puts it, and counts it when approved. */
  add(comment: PublicComment) {
    const newestFirst = this.#source().sort === 'newest' && comment.parentId === null;
    this.comments = newestFirst ? [comment, ...this.comments] : [...this.comments, comment];
    if (this.thread && comment.status === 'approved')
      this.thread = { ...this.thread, count: this.thread.count + 1 };
  }

  #keyOf(s: ThreadSource) {
    return `${s.server} ${s.url} ${s.sort}`;
  }
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('network', String(e));
}
