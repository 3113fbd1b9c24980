/**
 * Work that would block the page in one long task (the first renders of a long thread's comments, and their
 * hydration) runs in slices of about SLICE_MS, with the page free to answer the reader between them.
 */
const SLICE_MS = 10;

const queue: (() => void)[] = [];
let draining = false;

function drain() {
  const until = performance.now() + SLICE_MS;
  while (queue.length && performance.now() < until) queue.shift()!();
  if (queue.length) setTimeout(drain);
  else draining = false;
}

/** Runs `work` in a coming slice, after what was queued before it. */
export function inSlice(work: () => void) {
  queue.push(work);
  if (draining) return;
  draining = true;
  setTimeout(drain);
}
