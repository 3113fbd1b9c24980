/**
 * How far outside the viewport a lazy thread starts loading: about a screen ahead of the reader, so the
 * comments are there when they arrive, and readers who never get near them cost the server nothing.
 */
const LAZY_MARGIN = '100% 0px';

/**
 * Calls `start` with where `el` is once it comes about a screen from view; at once when it is in view
 * already (before the next frame, rather than after the observer's first report) or when `now`. Returns
 * what stops the wait.
 */
export function whenNear(
  el: Element,
  now: boolean,
  start: (box: DOMRectReadOnly) => void,
): () => void {
  const box = el.getBoundingClientRect();
  if (now || (box.top < innerHeight && box.bottom >= 0)) {
    start(box);
    return () => {};
  }
  const near = new IntersectionObserver(
    (entries) => {
      const entry = entries.find((e) => e.isIntersecting);
      if (!entry) return;
      near.disconnect();
      start(entry.boundingClientRect);
    },
    { rootMargin: LAZY_MARGIN },
  );
  near.observe(el);
  return () => near.disconnect();
}

/**
 * Reserves space so that the page below a thread that starts at `box` stays out of view while the thread
 * arrives and draws: the rest of the screen when it is in view (the thread then grows only where nobody
 * sees it), a whole screen when it is below (the reader may scroll down to it before it is all drawn).
 * The thread's height is not known before it arrives; this is the least that hides every later change.
 * The element's styles read `--_reserved`, so a page's own `min-height` for the element still wins.
 */
export function reserveBelow(el: HTMLElement, { top }: DOMRectReadOnly) {
  const space = top >= 0 && top < innerHeight ? innerHeight - top : innerHeight;
  el.style.setProperty('--_reserved', `${Math.ceil(space)}px`);
}
