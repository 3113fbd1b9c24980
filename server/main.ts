import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { parseConfig } from './config.js';
import { resolveSecret } from './domain/secret.js';
import { createMemoryBus } from './events/bus.js';
import { openStore } from './store/open-store.js';

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`Confab cannot start, the configuration has errors:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
const config = parsed.config;
const store = await openStore(config.databaseUrl);
const events = createMemoryBus();
const secret = await resolveSecret(store, config.secret);
const app = createApp({ store, events, config, secret });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  process.stdout.write(`Confab is listening on http://${host}:${info.port}/ (database: ${config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')})\n`);
});

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  process.stdout.write(`${signal}: closing\n`);
  server.close(() => {
    void Promise.all([events.close(), store.close()]).then(() => process.exit(0));
  });
  // Open SSE streams would hold close() forever: give them a moment, then go.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
