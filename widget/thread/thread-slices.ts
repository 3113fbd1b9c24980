import type { LitElement, ReactiveController, ReactiveElement } from 'lit';
import type { PublicComment } from '../../server/schema/index.js';
import { afterFrame, SLICE_MS } from '../comment/slices.js';
import type { ThreadController } from './thread-controller.js';

/** Comments in a thread's first slice, before their cost on this device is known (it pays their templates' first use too). */
const FIRST_SLICE = 3;

/**
 * What one slice may cost, its script and its layout each (they run in separate tasks): the next slice is
 * sized to it from what the last one cost, and grows at most twofold, so a misjudged one stays under the
 * 50 ms of a long task.
 */
const SLICE_TARGET_MS = 2 * SLICE_MS;

/**
 * Comments in the next slice, after one of `added` comments cost `costMs` (its script or its frame,
 * whichever took longer): as many as SLICE_TARGET_MS allows at that cost each, at most twice as many.
 * Doubling whenever a slice came in under the target (as this once did) overshot it: a slice of 15 ms made
 * one of 30 and more, and at 4× CPU such slices were long tasks of 40–70 ms. Part of a slice's cost is the
 * same whatever its size (the thread's own render, the frame), so the estimate errs small.
 */
export function nextSliceSize(added: number, costMs: number): number {
  const fits = Math.floor((added * SLICE_TARGET_MS) / Math.max(costMs, 1));
  return Math.max(1, Math.min(2 * added, fits));
}

/**
 * Draws a thread that has just loaded a slice at a time, top to bottom, so that fifty or five hundred
 * comments never hold the page in one long task: each slice is a few comments (with their replies), sized
 * from what the last one cost on this device, and laid out in a frame of its own.
 * Slices only add below what is drawn; the form and "Load more" come last, under the whole list, so nothing
 * drawn moves (the thread element keeps the page below it out of view meanwhile). A server-rendered thread
 * is all there already, and comments that arrive later (posted, live, another page) are drawn at once.
 */
export class ThreadSlices implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #thread: ThreadController;
  /** Comments to draw, replies included; past them all, the form too. Infinity once the thread is drawn. */
  #limit = Infinity;
  /** The thread's load drawn (ThreadController.loads): none for a server's rendering, drawn whole already. */
  #load = 0;
  /** Comments the last render drew, and the one before it. */
  #shown = 0;
  #shownBefore = 0;
  #sliceStart = 0;
  #waiting = false;
  #drawn: Promise<void> = Promise.resolve();
  #finish = () => {};

  constructor(host: ReactiveElement, thread: ThreadController) {
    this.#host = host;
    this.#thread = thread;
    host.addController(this);
  }

  /** Resolves once the thread is drawn to its last slice. */
  get drawn(): Promise<void> {
    return this.#drawn;
  }

  /** A thread is being drawn in slices, or has loaded and is about to be. */
  get drawing(): boolean {
    return this.#limit !== Infinity || this.#fresh();
  }

  /** Every comment is drawn: the form and "Load more" go under the list. */
  get complete(): boolean {
    return this.#limit > this.#thread.comments.length;
  }

  /** How many of the top-level comments `tops` to draw now, each with all its replies. */
  shown(tops: PublicComment[], children: Map<number | null, PublicComment[]>): number {
    const weight = (c: PublicComment): number =>
      1 + (children.get(c.id) ?? []).reduce((sum, reply) => sum + weight(reply), 0);
    let drawn = 0;
    let count = 0;
    while (count < tops.length && drawn < this.#limit) drawn += weight(tops[count++]!);
    this.#shown = drawn;
    return count;
  }

  hostUpdate() {
    if (this.#fresh()) {
      this.#load = this.#thread.loads;
      // The thread's own parts first (its heading and bar, their templates made on first use), in a slice
      // without comments: with the first comments and theirs, at 4× CPU it was the longest task of a load.
      this.#limit = this.#thread.comments.length ? 0 : FIRST_SLICE;
      this.#shownBefore = 0;
      this.#finish();
      this.#drawn = new Promise((resolve) => {
        this.#finish = resolve;
      });
    }
    this.#sliceStart = performance.now();
  }

  hostUpdated() {
    if (this.#limit === Infinity || this.#waiting) return;
    if (this.complete) {
      this.#limit = Infinity;
      this.#finish();
      return;
    }
    void this.#next(this.#sliceStart);
  }

  /** The thread has loaded anew since it was last drawn. */
  #fresh() {
    return this.#thread.state === 'ready' && this.#thread.loads !== this.#load;
  }

  /** Once this slice's comments have drawn themselves and a frame has laid them out, the next slice. */
  async #next(started: number) {
    this.#waiting = true;
    const load = this.#load;
    const added = Math.max(1, this.#shown - this.#shownBefore);
    this.#shownBefore = this.#shown;
    const comments = this.#host.renderRoot.querySelectorAll<LitElement>('confab-comment');
    await Promise.all([...comments].map((c) => c.updateComplete));
    const scripted = performance.now() - started;
    const framed = await afterFrame();
    this.#waiting = false;
    // A thread loaded anew meanwhile has drawn its first slice: the update asked for here goes on with it.
    if (load === this.#load) {
      const next = this.#shown ? nextSliceSize(added, Math.max(scripted, framed)) : FIRST_SLICE;
      const total = this.#thread.comments.length;
      this.#limit = this.#shown >= total ? total + 1 : Math.min(total, this.#shown + next);
    }
    this.#host.requestUpdate();
  }
}
