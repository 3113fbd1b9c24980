import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { parseConfig } from './config.js';
import { createIpKeys } from './domain/ip-keys.js';
import { createIpRetention, startIpRetentionTimer } from './domain/privacy.js';
import type { PgBusStatus } from './events/pg-notify.js';
import { createTransport } from './mail/transport.js';
import { createMailWorker } from './mail/worker.js';
import { stdoutSink } from './middleware/request-log.js';
import { openRuntime } from './runtime.js';

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(
    `Confab cannot start, the configuration has errors:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`,
  );
  process.exit(1);
}
const config = parsed.config;
if (config.origins.length === 0 && config.hosts.includes('*'))
  process.stderr.write(
    'Warning: no origins are configured, so this server takes comments for pages on any host. Set CONFAB_ORIGINS to the origins of your site (e.g. https://news.example), and CONFAB_HOSTS if its pages live on other hosts, or add sites with `confab sites add`.\n',
  );
const runtime = await openRuntime(config, { onBusStatus: logBusStatus });
const app = createApp({ ...runtime, config });
const logLine = (line: { level: 'info' | 'error'; msg: string; error?: string }) =>
  stdoutSink({ time: new Date().toISOString(), ...line });
// Every instance sends: the outbox hands each message to one of them.
const mailWorker =
  config.mail &&
  createMailWorker({
    store: runtime.store,
    transport: createTransport({
      url: config.mail.smtpUrl,
      from: config.mail.from,
      log: (msg) => logLine({ level: 'info', msg }),
    }),
    mail: config.mail,
    secret: runtime.secret,
    now: Date.now,
    log: logLine,
  });
mailWorker?.start();
// Posts purge old IP hashes as they come; on a quiet site the timer does it.
const stopPurging = startIpRetentionTimer(
  createIpRetention({
    store: runtime.store,
    now: Date.now,
    ipKeys: createIpKeys({ store: runtime.store, now: Date.now }),
  }),
  (err) => logLine({ level: 'error', msg: 'ip purge failed', error: String(err) }),
);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  process.stdout.write(
    `Confab is listening on http://${host}:${info.port}/ (database: ${config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')})\n`,
  );
});

/** While the LISTEN connection is down, readers on this instance miss other instances' comments: say so. */
function logBusStatus(s: PgBusStatus) {
  const time = new Date().toISOString();
  if (s.kind === 'listening')
    return stdoutSink({
      time,
      level: 'info',
      msg: 'live updates: listening to the other instances',
    });
  const msg =
    s.kind === 'listen-lost'
      ? `live updates: connection lost, reconnecting in ${s.retryInMs} ms`
      : 'live updates: an event could not be sent to the other instances';
  stdoutSink({ time, level: 'error', msg, error: s.error.message });
}

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  process.stdout.write(`${signal}: closing\n`);
  stopPurging();
  server.close(() => {
    void Promise.resolve(mailWorker?.stop())
      .then(() => runtime.close())
      .then(() => process.exit(0));
  });
  // Open SSE streams would hold close() forever: give them a moment, then go.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
