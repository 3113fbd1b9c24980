import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';
import { register } from 'tsx/esm/api';

register();
const { startServer } = await import('./tests/support/start-server.ts');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./tests/support/chromium.ts');
const { FIREFOX_PATH, FIREFOX_PREFS } = await import('./tests/support/firefox.ts');
const { webkitLauncher } = await import('./tests/support/webkit-launcher.ts');
const { startSmtp } = await import('./tests/support/smtp.ts');
const { mailCommands } = await import('./tests/support/mail-commands.ts');
const { aheadClock, clockCommands } = await import('./tests/support/clock-commands.ts');
const { xssCommands } = await import('./tests/support/xss-commands.ts');
const { WIDGET_ADMIN_TOKEN } = await import('./tests/support/admin-token.ts');
const { POW_MIN_SUBMIT_SECONDS } = await import('./tests/support/pow-server.ts');

// Fixed, so the real Confab server can allow this origin in CORS before the runner starts;
// CONFAB_WTR_PORT moves it when two checkouts run their suites at once.
const port = Number(process.env.CONFAB_WTR_PORT ?? 8765);
const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
// A real SMTP server in this process: the mail server's emails arrive here for the tests to read.
const smtp = await startSmtp();
// The proof-of-work server's clock, which the tests move with the widget's past the minimum solution age.
// The engines share it: another engine's move only makes a solution older, never too young to pass.
const powClock = aheadClock();
const servers = {
  // The newsroom's tests close threads, feature comments and reply as staff on it.
  open: await startServer({
    origins,
    config: { adminToken: WIDGET_ADMIN_TOKEN, siteName: 'The Daily Example' },
  }),
  moderated: await startServer({ origins, config: { moderation: 'all' } }),
  // Proof of work on, as it is by default, with a least time from challenge to post longer than the default
  // (which its challenges state), so that a widget waiting only the default's time would see its posts held.
  // Every engine fetches its challenges from 127.0.0.1: more than one reader's share before the work doubles.
  pow: await startServer({
    origins,
    config: { pow: true, powFreeChallenges: 1000, minSubmitSeconds: POW_MIN_SUBMIT_SECONDS },
    now: powClock.now,
  }),
  // An edit window closed as soon as a comment is stored: the server refuses every edit.
  closedEdit: await startServer({ origins, config: { editWindowSeconds: 0 } }),
  // Sends mail (subscriptions, verification) to the SMTP server above.
  mail: await startServer({ origins, smtpUrl: smtp.url }),
};

const env = { ...process.env, TZ: 'UTC', LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' };
// The runner never asks puppeteer about requests, yet puppeteer watches every one by default: in Firefox the
// parent process then serialises each request's WebDriver BiDi events on its main thread, and in Chromium
// the Network domain reports them over CDP. Off, the suite's files took a fifth less CPU in both engines.
const networkEnabled = false;
/** Every engine, run in one pass side by side; CONFAB_ENGINES=chromium,webkit (say) runs some of them. */
const engines = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        // Each file's page in the renderer process of the one before, its compiled modules still warm,
        // rather than a new one: the runner opens one page at a time, so they never compete for it. The
        // suite took a third less renderer CPU (29 core-s against 43) and a fifth less time.
        args: [...CHROMIUM_ARGS, '--process-per-site'],
        env,
        networkEnabled,
      },
    }),
  // puppeteer-core speaks WebDriver BiDi to the system's Firefox ESR; the launcher is the Chromium one
  // given that puppeteer, as @web/test-runner-puppeteer does without pulling in puppeteer's downloads.
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: FIREFOX_PATH,
        networkEnabled,
        extraPrefsFirefox: FIREFOX_PREFS,
        env,
      },
    }),
  // WebKitGTK's driver holds one session at a time: the launcher runs its files one by one.
  webkit: () => webkitLauncher(),
};
const picked = process.env.CONFAB_ENGINES?.split(',') ?? Object.keys(engines);
const unknown = picked.filter((name) => !(name in engines));
if (unknown.length) throw new Error(`CONFAB_ENGINES: no engine called ${unknown.join(', ')}`);
const browsers = picked.map((name) => engines[name]());

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['tests/widget/**/*.test.ts'],
  port,
  nodeResolve: true,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    {
      name: 'confab-servers',
      serverStop: async () => {
        await Promise.all(Object.values(servers).map((s) => s.close()));
        await smtp.close();
      },
    },
    mailCommands(smtp),
    clockCommands(powClock),
    xssCommands(servers.open.url),
  ],
  browsers,
  // Every engine at once: by default two run and the third (WebKit, one file at a time) waits for both.
  concurrentBrowsers: browsers.length,
  // Firefox takes a while to start on a busy two-core machine.
  browserStartTimeout: 120_000,
  // Firefox and WebKit run some files at half Chromium's pace, and npm test runs the server tests beside
  // them: a machine loaded by other checkouts too saw tests that pass in seconds alone take over 20 s. No
  // test measures speed.
  testFramework: { config: { timeout: 60000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><title>Confab widget tests</title></head>
      <body>
        <script>
          // Lit's dev build (wanted here for its warnings) otherwise announces itself in every file's log.
          globalThis.litIssuedWarnings = new Set(['dev-mode']);
          window.__CONFAB_SERVERS__ = ${JSON.stringify(Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.url])))};
        </script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
};
