import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PublicComment, ThreadChange } from '../../server/schema/index.js';
import { eventsUrl } from '../api/calls.js';
import { getThread } from '../api/client.js';
import { clock } from '../clock.js';
import { afterFrame } from '../comment/slices.js';
import type { ThreadController } from '../thread/thread-controller.js';
import { drop, replace } from '../thread/thread-edits.js';

const EVENTS = [
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'thread.updated',
  'resync',
];

/**
 * Keeps the thread current over Server-Sent Events, but only while it is on screen: a stream per open tab
 * is a connection the server holds, and nobody needs news of a thread they are not looking at. Others'
 * new comments wait behind a button rather than move the text under the reader's eyes; edits and
 * deletions apply in place, and a thread an admin closes swaps the form for "Comments are closed." (and
 * back when reopened) in the form's place, keeping the thread's height so that nothing on screen moves.
 * A thread the age rule closes does the same at its `closesAt`, which no event announces.
 */
export class LiveController implements ReactiveController {
  /** Others' comments that arrived while the reader was reading. */
  fresh: PublicComment[] = [];

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #thread: ThreadController;
  #observer: IntersectionObserver | undefined;
  #visible = false;
  /** False while the page sits in the back/forward cache: a stream held open there would use up the browser's
   * six connections to the server, and the next article's embed would wait behind them. */
  #pageShown = true;
  #stream: EventSource | null = null;
  /** The thread the open stream is for, '' when closed. */
  #open = '';
  /** The thread `#lastId` belongs to: a stream reopened for it resumes where the last one stopped. */
  #resumes = '';
  #lastId = '';
  /** A stream of this thread was closed: what happened meanwhile must be caught up with. */
  #gap = false;
  readonly #drawn: () => boolean;
  /** Streams open only once the thread is on screen: see hostUpdated. */
  #started = false;
  #starting = false;
  /** The `closesAt` planned for, and what cancels that plan. */
  #closesAt = '';
  #cancelClosing = () => {};

  /** `drawn`: the thread has loaded and is drawn to its last slice. */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    thread: ThreadController,
    drawn: () => boolean,
  ) {
    this.#host = host;
    this.#thread = thread;
    this.#drawn = drawn;
    host.addController(this);
  }

  hostConnected() {
    this.#observer ??= new IntersectionObserver((entries) => {
      this.#visible = entries.at(-1)!.isIntersecting;
      this.#sync();
    });
    this.#observer.observe(this.#host);
    addEventListener('pagehide', this.#onPage);
    addEventListener('pageshow', this.#onPage);
  }

  hostDisconnected() {
    this.#observer?.disconnect();
    removeEventListener('pagehide', this.#onPage);
    removeEventListener('pageshow', this.#onPage);
    this.#visible = false;
    this.#sync();
    this.#cancelClosing();
    this.#closesAt = '';
  }

  /**
   * Follows the thread when the page attribute (or server) changes. The first stream waits until the
   * thread is drawn and a frame has shown it: it is news of a thread the reader can see, and opening it
   * costs the page a request and a task that the first render should not wait behind.
   */
  hostUpdated() {
    this.#planClosing();
    if (this.#started) return this.#sync();
    if (this.#starting || !this.#drawn()) return;
    this.#starting = true;
    void afterFrame().then(() => {
      this.#started = true;
      this.#sync();
    });
  }

  /** Shows the waiting comments. */
  reveal() {
    for (const c of this.waiting()) this.#thread.add(c);
    this.fresh = [];
    this.#host.requestUpdate();
  }

  /** The fresh comments not on screen already (the reader's own post can beat its event, or follow it). */
  waiting() {
    const shown = new Set(this.#thread.comments.map((c) => c.id));
    return this.fresh.filter((c) => !shown.has(c.id));
  }

  readonly #onPage = (e: Event) => {
    this.#pageShown = e.type === 'pageshow';
    this.#sync();
  };

  #sync() {
    const { server, url } = this.#thread.source;
    const thread = `${server} ${url}`;
    const want = this.#started && this.#visible && this.#pageShown ? thread : '';
    if (want === this.#open) return;
    if (this.#open === thread) this.#gap = true;
    this.#stream?.close();
    this.#stream = null;
    this.#open = want;
    if (thread !== this.#resumes) {
      this.#resumes = thread;
      this.#host.style.minBlockSize = '';
      this.#lastId = '';
      this.#gap = false;
      this.fresh = [];
    }
    if (!want) return;
    // The server replays what was missed since the last event seen; with none seen, load again instead.
    if (this.#gap && !this.#lastId) void this.#reload();
    const stream = new EventSource(eventsUrl(server, url, this.#lastId));
    this.#stream = stream;
    for (const type of EVENTS) stream.addEventListener(type, this.#receive);
  }

  readonly #receive = (e: Event) => {
    const { type, data, lastEventId } = e as MessageEvent<string>;
    if (lastEventId) this.#lastId = lastEventId;
    if (type === 'resync') return void this.#reload();
    if (type === 'thread.updated') return this.#threadChanged(JSON.parse(data) as ThreadChange);
    const comment = JSON.parse(data) as PublicComment;
    const thread = this.#thread;
    const shown = thread.comments.some((c) => c.id === comment.id);
    this.fresh = this.fresh.filter((c) => c.id !== comment.id);
    if (type === 'comment.deleted') drop(thread, comment.id);
    else if (shown) replace(thread, comment);
    // An edit of a comment not loaded here (a later page) is no news.
    else if (type === 'comment.created') this.fresh.push(comment);
    this.#host.requestUpdate();
  };

  #threadChanged(change: ThreadChange) {
    const thread = this.#thread;
    if (!thread.thread) return;
    const host = this.#host;
    // The notice is shorter than the form: were the thread to shrink under a reader at the end of the page,
    // the browser would scroll everything above it down. It keeps its height until the form comes back.
    // (Set through the CSSOM, which a strict style-src allows.)
    if (change.closed && !thread.thread.closed)
      host.style.minBlockSize = `${host.getBoundingClientRect().height}px`;
    else if (!change.closed) host.style.minBlockSize = '';
    // The change says all there is of the closing: a closesAt it lacks is gone (an admin kept it open).
    const { closesAt: _, ...rest } = thread.thread;
    thread.edit({ thread: { ...rest, ...change } });
  }

  /**
   * Closes the thread when the age rule does, as if an admin had (the server refuses posts from then on,
   * and the page learns it with no request). setTimeout waits at most about 24.8 days: a page open longer
   * than that plans again when the wait ends.
   */
  #planClosing() {
    const at = (!this.#thread.thread?.closed && this.#thread.thread?.closesAt) || '';
    if (at === this.#closesAt) return;
    this.#cancelClosing();
    this.#closesAt = at;
    if (!at) return;
    const wait = Math.min(Math.max(0, Date.parse(at) - clock.now()), 2 ** 31 - 1);
    this.#cancelClosing = clock.after(wait, () => {
      this.#closesAt = '';
      if (clock.now() >= Date.parse(at)) this.#threadChanged({ closed: true });
      else this.#planClosing();
    });
  }

  /** Events were missed for good: load the thread again without a "Loading" flash or a jump. */
  async #reload() {
    const thread = this.#thread;
    const { server, url, sort } = thread.source;
    const page = await getThread(server, { url, sort }).catch(() => null);
    if (!page) return;
    const { scrollX, scrollY } = window;
    thread.reload(page);
    await this.#host.updateComplete;
    scrollTo(scrollX, scrollY);
  }
}
