/**
 * Work that would block the page in one long task (the first renders of a long thread's comments, and their
 * hydration) runs in slices of about SLICE_MS, with the page free to answer the reader between them.
 */
export const SLICE_MS = 10;

const queue: (() => void)[] = [];
let draining = false;

function drain() {
  const until = performance.now() + SLICE_MS;
  while (queue.length && performance.now() < until) queue.shift()!();
  if (queue.length) setTimeout(drain);
  else draining = false;
}

/** Runs `work` in a coming slice, after what was queued before it (or, `first`, before). */
export function inSlice(work: () => void, first = false) {
  if (first) queue.unshift(work);
  else queue.push(work);
  if (draining) return;
  draining = true;
  setTimeout(drain);
}

/**
 * Lit's scheduleUpdate for an element the server rendered (a declarative shadow root): its first update,
 * which adopts that markup, waits for a slice, so that a thread's hydration is not one long task. The
 * reader sees the same markup meanwhile.
 */
export function updateInSlice(update: () => void, first = false): Promise<void> {
  return new Promise((resolve) =>
    inSlice(() => {
      update();
      resolve();
    }, first),
  );
}

/** How long a slice waits for a frame that may never come. */
const FRAME_WAIT_MS = 100;

/**
 * Resolves in a task after the next frame, to about how long that frame's rendering took (from its
 * animation frame callbacks to the end of its paint): what the last slice drew has been laid out and
 * painted on its own, so no frame lays out two slices at once. A page in the background draws no frames:
 * a frame that has not come within FRAME_WAIT_MS is not waited for, and cost nothing.
 */
export function afterFrame(): Promise<number> {
  return new Promise((resolve) => {
    let done = false;
    const next = (framed: boolean) => {
      if (done) return;
      done = true;
      const from = performance.now();
      setTimeout(() => resolve(framed ? performance.now() - from : 0));
    };
    requestAnimationFrame(() => next(true));
    setTimeout(() => next(false), FRAME_WAIT_MS);
  });
}
