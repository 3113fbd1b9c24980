import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { parseConfig } from './config.js';
import { createIpKeys } from './domain/ip-keys.js';
import { createIpRetention, startIpRetentionTimer } from './domain/privacy.js';
import { createMemoryRateLimiter, createRateLimiter } from './domain/rate-limit.js';
import { resolveSecret } from './domain/secret.js';
import { openBus } from './events/open-bus.js';
import type { PgBusStatus } from './events/pg-notify.js';
import { stdoutSink } from './middleware/request-log.js';
import { openStore } from './store/open-store.js';
import { capYoungGeneration } from './young-generation.js';

// Keeps the server's memory under load near its idle size (see young-generation.ts).
capYoungGeneration(4);

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(
    `Confab cannot start, the configuration has errors:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`,
  );
  process.exit(1);
}
const config = parsed.config;
const store = await openStore(config.databaseUrl, { pgPoolSize: config.pgPoolSize });
const events = await openBus(config.databaseUrl, { onStatus: logBusStatus });
const secret = await resolveSecret(store, config.secret);
// Instances sharing PostgreSQL must share their counts too; a lone SQLite server keeps them in memory.
const rateLimiter = config.databaseUrl.startsWith('file:')
  ? createMemoryRateLimiter()
  : createRateLimiter(store);
const app = createApp({ store, events, config, secret, rateLimiter });
// Posts purge old IP hashes as they come; on a quiet site the timer does it.
const stopPurging = startIpRetentionTimer(
  createIpRetention({ store, now: Date.now, ipKeys: createIpKeys({ store, now: Date.now }) }),
  (err) =>
    stdoutSink({
      time: new Date().toISOString(),
      level: 'error',
      msg: 'ip purge failed',
      error: String(err),
    }),
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
    void Promise.all([events.close(), store.close()]).then(() => process.exit(0));
  });
  // Open SSE streams would hold close() forever: give them a moment, then go.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
