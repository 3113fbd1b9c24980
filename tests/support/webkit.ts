import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './spawn-server.js';

/** Debian's WebKitGTK MiniBrowser (`apt-get install webkit2gtk-driver`), the engine behind Safari. */
export const MINIBROWSER_PATH =
  process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** W3C WebDriver's codes for the keys the tests press by name. */
const KEY_CODES: Record<string, string> = {
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Backspace: '\uE003',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
};

/** A key as WebDriver wants it: a named key's code, or the character itself. */
export function keyCode(key: string): string {
  const code = KEY_CODES[key] ?? (key.length === 1 ? key : undefined);
  if (code === undefined) throw new Error(`No WebDriver code for the key ${JSON.stringify(key)}`);
  return code;
}

/** One MiniBrowser window driven over plain W3C WebDriver HTTP. */
export interface WebKitSession {
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** Runs `script` (a function body) in the page; a returned promise is awaited. */
  execute<T>(script: string, ...args: unknown[]): Promise<T>;
  /** Presses and releases keys in order, as `keyDown`/`keyUp` actions. */
  keys(actions: { type: 'keyDown' | 'keyUp'; value: string }[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts Xvfb on a display number of its own and resolves with it. Xvfb's own search (`-displayfd` alone)
 * starts at :0 every time, so two runs starting at once race for the same display, and a socket left by a
 * killed server makes it hang there; a random number in a wide range rarely meets another, and a clash
 * makes Xvfb exit at once, so the next number is tried.
 */
function startXvfb(): Promise<{ child: ChildProcess; display: string }> {
  const wanted = String(1000 + Math.floor(Math.random() * 30_000));
  const child = spawn(
    'Xvfb',
    [`:${wanted}`, '-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Xvfb did not start on :${wanted} within 10 s:\n${out}`));
    }, 10_000);
    child.stderr!.on('data', (d) => (out += d));
    child.stdio[3]!.on('data', (d: Buffer) => {
      const display = /^(\d+)\n/.exec(String(d))?.[1];
      if (!display) return;
      clearTimeout(timer);
      resolve({ child, display });
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}) on :${wanted}:\n${out}`));
    });
  });
}

/** Xvfb, on another display when one is taken. */
async function startXvfbRetrying(attempts = 5): Promise<{ child: ChildProcess; display: string }> {
  for (let i = 1; ; i++) {
    try {
      return await startXvfb();
    } catch (e) {
      if (i >= attempts) throw e;
    }
  }
}

/**
 * A headless WebKit: a private Xvfb display, WebKitWebDriver on a free port, and one MiniBrowser session,
 * the only one the driver allows. `stop()` ends all three.
 */
export async function launchWebKit(): Promise<WebKitSession & { stop(): Promise<void> }> {
  const xvfb = await startXvfbRetrying();
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: `:${xvfb.display}`, TZ: 'UTC', LANG: 'en_US.UTF-8' },
    stdio: 'ignore',
  });
  const stopAll = async () => {
    await stopProcess(driver);
    await stopProcess(xvfb.child);
  };
  const session = await openSession(`http://127.0.0.1:${port}`).catch(async (e) => {
    await stopAll();
    throw e;
  });
  return {
    ...session,
    async stop() {
      await session.close().catch(() => undefined);
      await stopAll();
    },
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { value: T & { error?: string; message?: string } };
  if (!res.ok)
    throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
  return json.value;
}

/** Asks the driver for a session, retrying while it is still coming up. */
async function openSession(base: string): Promise<WebKitSession> {
  const capabilities = {
    alwaysMatch: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
    },
  };
  let value: { sessionId: string } | undefined;
  const deadline = Date.now() + 60_000;
  while (!value) {
    try {
      value = await call<{ sessionId: string }>(base, 'POST', '/session', { capabilities });
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const s = `/session/${value.sessionId}`;
  // MiniBrowser opens at 1024×768; headless Chromium's and Firefox's pages are 800×600. The same viewport
  // in every engine, and two fifths fewer pixels for Xvfb’s software renderer to draw: the suite’s WebKit
  // run took 61–66 core-s against 68–72.
  await call(base, 'POST', `${s}/window/rect`, { width: 800, height: 600 });
  return {
    goto: (url) => call(base, 'POST', `${s}/url`, { url }),
    url: () => call(base, 'GET', `${s}/url`),
    execute: (script, ...args) =>
      call(base, 'POST', `${s}/execute/async`, {
        // Async so that a script returning a promise is awaited, the way puppeteer's evaluate does.
        script: `const done = arguments[arguments.length - 1]; Promise.resolve().then(() => (function () { ${script} }).apply(null, Array.prototype.slice.call(arguments, 0, -1))).then((v) => done({ ok: v }), (e) => done({ error: String(e) }));`,
        args,
      }).then((r) => {
        const out = r as { ok?: unknown; error?: string };
        if (out.error !== undefined) throw new Error(out.error);
        return out.ok as never;
      }),
    keys: async (actions) => {
      await call(base, 'POST', `${s}/actions`, {
        actions: [{ type: 'key', id: 'keyboard', actions }],
      });
    },
    close: () => call(base, 'DELETE', s),
  };
}
