import { clock } from '../../widget/clock.js';

/**
 * Stops the widget's clock at `start` until `restore()`: time moves only by `advance()`, which runs the
 * timers it passes, so a test sees a fifteen-minute edit window close at once.
 */
export function fakeClock(start = Date.now()) {
  const real = { ...clock };
  let now = start;
  let timers: { at: number; ms: number; then: () => void }[] = [];
  clock.now = () => now;
  clock.after = (ms, then) => {
    const timer = { at: now + ms, ms, then };
    timers.push(timer);
    return () => void (timers = timers.filter((t) => t !== timer));
  };
  return {
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.then();
    },
    /** Whether the widget is waiting on a timer it set for `ms`. */
    waiting: (ms: number) => timers.some((t) => t.ms === ms),
    restore: () => void Object.assign(clock, real),
  };
}
