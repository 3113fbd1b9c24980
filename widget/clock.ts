/**
 * The widget's time where its logic depends on it (edit windows, the proof of work's minimum age). Tests
 * replace these to let minutes pass at once; pages never do.
 */
export const clock = {
  /** Epoch milliseconds. */
  now: () => Date.now(),
  /** Calls `then` in `ms`; what it returns cancels that. */
  after(ms: number, then: () => void): () => void {
    const timer = setTimeout(then, ms);
    return () => clearTimeout(timer);
  },
};
