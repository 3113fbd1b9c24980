import type { TestRunnerPlugin } from '@web/test-runner';

/** The real clock, which tests may move ahead (never back) so a server sees time pass at once. */
export interface AheadClock {
  now: () => number;
  advance(ms: number): void;
}

export function aheadClock(): AheadClock {
  let ahead = 0;
  return { now: () => Date.now() + ahead, advance: (ms) => void (ahead += ms) };
}

/**
 * `confab-advance-clock {ms}`, run from a widget test through `executeServerCommand`, moves `clock` ahead
 * by `ms`: a test that moves the widget's clock past a wait tells the server behind it the same time has
 * passed.
 */
export function clockCommands(clock: AheadClock): TestRunnerPlugin {
  return {
    name: 'confab-clock-commands',
    async executeCommand({ command, payload }) {
      if (command !== 'confab-advance-clock') return undefined;
      clock.advance((payload as { ms: number }).ms);
      return true;
    },
  };
}
