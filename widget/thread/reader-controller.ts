import { Task, TaskStatus } from '@lit/task';
import { isServer, type ReactiveController, type ReactiveElement } from 'lit';
import type { PublicComment, Sort } from '../../server/schema/index.js';
import { getThread } from '../api/client.js';
import { AuthorTools } from '../author-tools/author-tools.js';
import { type ConfabComment, commentParts } from '../comment/comment.js';
import {
  CommentActionEvent,
  type CommentActions,
  focusInComment,
} from '../comment/comment-actions.js';
import { LikeTools } from '../comment/like-tools.js';
import { FormTools } from '../form/form-tools.js';
import type { FormExtras } from '../form/reply-form.js';
import { enLater } from '../i18n/en-later.js';
import { enWritten } from '../i18n/en-written.js';
import { addLater, addWritten } from '../i18n/format.js';
import { LiveController } from '../live/live-controller.js';
import type { ThreadController } from './thread-controller.js';
import { merge } from './thread-edits.js';
import { ThreadSlices } from './thread-slices.js';

addLater(enLater);
addWritten(enWritten);

/** The `<confab-comments>` element, as far as the reader needs it. */
export type ReaderHost = ReactiveElement & { sort: Sort | undefined };

/** A permalink may point many pages into a thread: this many more are fetched to find it, no more. */
const PERMALINK_PAGES = 10;

/**
 * Everything a thread does after its first render, loaded when it first comes into view (or the reader
 * reaches for it first): Reply, sorting, later pages, live updates, permalinks, the author's Edit and
 * Delete and their held comments (AuthorTools), the form's preview and remember-me (FormTools). It keeps
 * their state and does their I/O; the thread element draws its head and foot from it (thread-bar.ts), each
 * comment its buttons (`actionsOf`, acting on the events they send up), and the form the rest (FormExtras).
 */
export class ReaderController implements ReactiveController, FormExtras {
  /** The id of the comment being replied to: the thread element puts the form under it. */
  replyTo: number | null = null;
  /** The form's preview, email options and remembered details. */
  readonly tools: FormTools;
  /** What each `<confab-comment>` exports for the page to style: it comes with the comments' own code. */
  readonly commentParts = commentParts;
  /** How much of a thread that has just loaded the thread element draws now. */
  readonly slices: ThreadSlices;

  readonly #host: ReaderHost;
  readonly #thread: ThreadController;
  readonly #live: LiveController;
  readonly #author: AuthorTools;
  readonly #likes: LikeTools;
  /** The thread's next page, on demand: "Load more", or a permalink further down. */
  readonly #more: Task<[string], void>;
  #posted: PublicComment | null = null;
  /** The comment the address points at. */
  #highlighted: ConfabComment | undefined;
  /** The page opened at a permalink: follow it once the thread is there. */
  #followOnLoad = true;
  /** The reader sorted: the thread loads again, and focus goes back to the control once it is there. */
  #sorted = false;

  /**
   * `hydrating`: the thread is the server's rendering, which knows nothing of this reader. Their own
   * comments' Edit and Delete (and held comments) join after the first render has adopted that markup,
   * which must be drawn as the server drew it.
   */
  constructor(host: ReaderHost, thread: ThreadController, hydrating = false) {
    this.#host = host;
    this.#thread = thread;
    // Before the live stream's controller: the slices' update decides whether the thread is drawn.
    this.slices = new ThreadSlices(host, thread);
    this.#live = new LiveController(
      host,
      thread,
      () => thread.state === 'ready' && !this.slices.drawing,
    );
    this.#author = new AuthorTools(host, thread);
    this.tools = new FormTools(() => thread.source);
    this.#likes = new LikeTools(host, thread);
    this.#more = new Task(host, {
      autoRun: false,
      task: async ([cursor]: [string], { signal }) => {
        const { server, url, sort } = thread.source;
        const page = await getThread(server, { url, sort, cursor }, signal);
        // Unless the thread was loaded anew meanwhile.
        if (thread.nextCursor !== cursor) return;
        merge(thread, page);
        this.#author.settle(page.comments);
      },
    });
    thread.onLoad(() => this.#loaded());
    if (thread.state === 'ready' && hydrating) void this.#hydrated();
    else if (thread.state === 'ready') this.#loaded();
    host.addController(this);
  }

  hostConnected() {
    addEventListener('hashchange', this.#follow);
    this.#host.renderRoot.addEventListener(CommentActionEvent.type, this.#act);
  }

  hostDisconnected() {
    removeEventListener('hashchange', this.#follow);
    this.#host.renderRoot.removeEventListener(CommentActionEvent.type, this.#act);
  }

  hostUpdate() {
    const { posted } = this.#thread;
    if (posted === this.#posted) return;
    this.#posted = posted;
    // Cleared while a comment is on its way: only one the server took moves anything (a refused reply stays put).
    if (!posted) return;
    // Its Edit and Delete, and the form back in its place for the next one.
    this.#author.read();
    this.replyTo = null;
    this.tools.reset();
  }

  /** The comment being replied to, while it is there to reply to. */
  replyTarget() {
    return this.#thread.comments.find((c) => c.id === this.replyTo && c.status === 'approved');
  }

  /** Enough comments to sort. */
  get sortable() {
    return this.#thread.comments.length > 1;
  }

  get sort(): Sort {
    return this.#thread.source.sort;
  }

  /** Sorts the thread anew; focus comes back to the control once it is there. */
  sortBy(sort: Sort) {
    this.#sorted = true;
    this.#host.sort = sort;
  }

  /** Others' new comments waiting behind "N new comments". */
  get waiting() {
    return this.#live.waiting().length;
  }

  reveal() {
    this.#live.reveal();
  }

  /** More of the thread to load. */
  get hasMore() {
    return !!this.#thread.nextCursor;
  }

  /** What comment `comment` shows of Like, Reply (while the thread is open), and the author's Edit and Delete. */
  actionsOf(comment: PublicComment): CommentActions {
    const { id } = comment;
    return {
      reply: !this.#thread.thread?.closed,
      ...this.#likes.state(id),
      ...this.#author.state(id),
    };
  }

  readonly #act = (e: Event) => {
    const { action, id, body } = e as CommentActionEvent;
    if (action === 'reply') void this.#reply(id);
    else if (action === 'like') void this.#likes.toggle(id);
    else void this.#author.act(action, id, body);
  };

  replyingTo() {
    return this.replyTarget()?.author.name;
  }

  cancelReply() {
    void this.#reply(null);
  }

  /** "Load more" is on its way, or failed. */
  get more(): 'idle' | 'busy' | 'error' {
    const { status } = this.#more;
    return status === TaskStatus.PENDING ? 'busy' : status === TaskStatus.ERROR ? 'error' : 'idle';
  }

  async loadMore() {
    const cursor = this.#thread.nextCursor;
    if (cursor && this.#more.status !== TaskStatus.PENDING) await this.#more.run([cursor]);
  }

  /**
   * A server-rendered thread has adopted its markup, each comment in its own slice: only now may the
   * reader's own likes, comments and address show, which the server could not know.
   */
  async #hydrated() {
    const host = this.#host;
    await host.updateComplete;
    const comments = host.renderRoot.querySelectorAll<ConfabComment>('confab-comment');
    await Promise.all([...comments].map((c) => c.updateComplete));
    this.#loaded();
    host.requestUpdate();
  }

  /** The thread was (re)loaded: bring back the author's held comments and likes, and follow a permalink once. */
  #loaded() {
    // The server renders what is public; the author's own comments and the address are the browser's.
    if (isServer) return;
    this.#likes.read();
    this.#author.restore();
    if (this.#sorted) {
      this.#sorted = false;
      void this.#focus(this.#host, '[part="sort"]');
    }
    if (this.#followOnLoad) {
      this.#followOnLoad = false;
      void this.#follow();
    }
  }

  /** Scrolls to the comment the address points at and highlights it, fetching later pages to find it. */
  readonly #follow = async () => {
    const id = Number(/^#comment-(\d+)$/.exec(location.hash)?.[1]);
    const thread = this.#thread;
    if (!id || thread.state !== 'ready') return;
    const found = () => thread.comments.some((c) => c.id === id);
    for (let pages = 0; !found() && thread.nextCursor && pages < PERMALINK_PAGES; pages++) {
      await this.loadMore();
      if (this.more === 'error') return;
    }
    if (!found()) return;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    // Every comment drawn, so that nothing above the target moves it after the scroll (this may run
    // before the thread element has this controller, whose slices its update waits for).
    await this.slices.drawn;
    const all = [...this.#host.renderRoot.querySelectorAll<ConfabComment>('confab-comment')];
    await Promise.all(all.map((c) => c.updateComplete));
    const target = all.find((c) => c.comment.id === id)!;
    if (this.#highlighted) this.#highlighted.highlighted = false;
    this.#highlighted = target;
    target.highlighted = true;
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const moves = Math.abs(target.getBoundingClientRect().top) >= 1;
    target.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
    // Something drawn while the smooth scroll ran (a chunk arriving, say) can move the target: land on it
    // anyway, but only at the end of this scroll, never of one the reader starts later.
    if (moves && !still) {
      const until = performance.now() + 3000;
      afterScroll(() => performance.now() < until && target.scrollIntoView({ block: 'start' }));
    }
  };

  /** Moves the form under a comment (null: back under the thread), and focus into it and back. */
  async #reply(id: number | null) {
    const from = this.replyTo;
    this.replyTo = id;
    this.tools.form?.requestUpdate();
    if (id === null)
      return from === null ? undefined : focusInComment(this.#host, from, `#reply-${from}`);
    // The form's code may still be on its way: it loads once the thread has rendered.
    await customElements.whenDefined('confab-reply-form');
    await this.#focus(this.#host.renderRoot.querySelector('confab-reply-form')!, 'textarea');
  }

  /** Focuses `selector` in `el` once the thread has rendered. */
  async #focus(el: ReactiveElement, selector: string) {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    await el.updateComplete;
    el.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}

/** Calls `done` once the window's scroll has ended: at `scrollend`, or where Safari lacks it, after 150 ms without a scroll. */
function afterScroll(done: () => void) {
  if ('onscrollend' in window) return addEventListener('scrollend', done, { once: true });
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const wait = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      removeEventListener('scroll', wait);
      done();
    }, 150);
  };
  addEventListener('scroll', wait);
  wait();
}
