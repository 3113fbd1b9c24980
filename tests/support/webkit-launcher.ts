import type { BrowserLauncher } from '@web/test-runner';
import { keyCode, launchWebKit } from './webkit.js';

type WebKit = Awaited<ReturnType<typeof launchWebKit>>;

/**
 * The keyboard of @web/test-runner-commands' `sendKeys`, over WebDriver actions. It has Playwright's page
 * shape because that is the one launcher type whose commands include holding a key down (Shift+Tab).
 */
function keyboardOf(webkit: WebKit) {
  // One request per call: the driver refuses an action while the previous one is still under way.
  const strokes = (keys: string[]) =>
    webkit.keys(
      keys.flatMap((key) => [
        { type: 'keyDown' as const, value: keyCode(key) },
        { type: 'keyUp' as const, value: keyCode(key) },
      ]),
    );
  return {
    press: (key: string) => strokes([key]),
    type: (text: string) => strokes([...text]),
    down: (key: string) => webkit.keys([{ type: 'keyDown', value: keyCode(key) }]),
    up: (key: string) => webkit.keys([{ type: 'keyUp', value: keyCode(key) }]),
  };
}

/**
 * WebKit for @web/test-runner: Debian's MiniBrowser through WebKitGTK's WebDriver, which holds one session
 * at a time, so test files run one after another in its one window.
 */
export function webkitLauncher(): BrowserLauncher {
  let webkit: Promise<WebKit> | undefined;
  // Commands ask for the page synchronously, always during a session, so after the launch has resolved.
  let launched: WebKit | undefined;
  let active: string | undefined;
  const browser = () => {
    webkit ??= launchWebKit().then((w) => (launched = w));
    return webkit;
  };
  const launcher = {
    name: 'WebKit',
    type: 'playwright',
    concurrency: 1,
    async startSession(sessionId: string, url: string) {
      active = sessionId;
      await (await browser()).goto(url);
    },
    isActive: (sessionId: string) => active === sessionId,
    getBrowserUrl: async () => (await browser()).url(),
    async stopSession(sessionId: string) {
      if (active !== sessionId) throw new Error(`No WebKit page for session ${sessionId}`);
      // A blank page stops the finished file's timers and streams before the next file loads.
      await (await browser()).goto('about:blank');
      active = undefined;
      return {};
    },
    startDebugSession() {
      return Promise.reject(new Error('WebKit runs headless here; debug in Chromium or Firefox.'));
    },
    async stop() {
      await (await webkit)?.stop();
    },
    /** What @web/test-runner-commands asks a Playwright launcher for. */
    getPage() {
      if (!launched) throw new Error('WebKit has not started');
      return {
        keyboard: keyboardOf(launched),
        emulateMedia() {
          throw new Error('WebKitGTK’s WebDriver has no command to emulate media features.');
        },
      };
    },
  };
  return launcher;
}
