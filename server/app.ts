import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.js';
import type { Config } from './config.js';
import { createCommentService } from './domain/comments.js';
import { keyedHash } from './domain/tokens.js';
import type { EventBus } from './events/bus.js';
import { createClientIp } from './middleware/client-ip.js';
import { createApiCors } from './middleware/cors.js';
import { createErrorHandler, errorResponse, handleNotFound } from './middleware/error-handler.js';
import { createRequestLog, logErrorTo, stdoutSink, type LogSink } from './middleware/request-log.js';
import { validationHook } from './middleware/validate.js';
import { LIMITS } from './schema/limits.js';
import { commentRoutes } from './routes/comments.js';
import { countRoutes } from './routes/counts.js';
import { eventRoutes, type EventRouteOptions } from './routes/events.js';
import { previewRoutes } from './routes/preview.js';
import { createLiveHub, type LiveHubOptions } from './events/live-hub.js';
import { demoRoutes } from './routes/demo.js';
import { embedRoutes } from './routes/embed.js';
import { healthRoutes } from './routes/health.js';
import { threadRoutes } from './routes/threads.js';
import type { Store } from './store/store.js';

/** The project root, whether running from server/ (tsx, vitest) or dist/server/ (built). */
const ROOT = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('dist', 'server')) ? join(here, '..', '..') : join(here, '..');
})();

export interface AppDeps {
  store: Store;
  events: EventBus;
  config: Config;
  /** Server secret: keys avatar seeds and IP hashes (see domain/secret.ts). */
  secret: string;
  /** Clock in epoch milliseconds; tests pass a fixed one. */
  now?: () => number;
  log?: LogSink;
  paths?: { bundle?: string; demoDir?: string };
  /** Tuning of live updates (heartbeat, replay buffer); tests shorten the timers. */
  live?: LiveHubOptions & EventRouteOptions;
}

export function createApp(deps: AppDeps) {
  const { store, events, config, secret } = deps;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? stdoutSink;
  const comments = createCommentService({ store, events, config, secret, now });
  const live = createLiveHub(events, deps.live);
  const ipHash = (c: Context<AppEnv>) => {
    const ip = c.get('clientIp');
    return ip ? keyedHash(secret, 'ip', ip) : null;
  };

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  app.use(requestId());
  if (config.log) app.use(createRequestLog(log));
  // embed.js sets its own cross-origin policy; the rest keeps Hono's strict defaults.
  app.use(secureHeaders({ crossOriginResourcePolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(createClientIp(config.trustedProxies));
  app.use('/api/*', createApiCors(config.origins));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: LIMITS.requestBytes,
      onError: (c) => errorResponse(c, 'payload_too_large', `The request body is larger than ${LIMITS.requestBytes} bytes.`),
    }),
  );

  const routes = app
    .route('/', healthRoutes(store))
    .route('/', embedRoutes(deps.paths?.bundle ?? join(ROOT, 'dist', 'widget', 'embed.js')))
    .route('/', demoRoutes(deps.paths?.demoDir ?? join(ROOT, 'demo')))
    .route('/', threadRoutes(comments))
    .route('/', commentRoutes({ comments, ipHash }))
    .route('/', countRoutes(comments))
    .route('/', previewRoutes())
    .route('/', eventRoutes(live, deps.live));

  app.onError(createErrorHandler(logErrorTo(log)));
  app.notFound(handleNotFound);
  return routes;
}

export type App = ReturnType<typeof createApp>;
export type AppType = App;
