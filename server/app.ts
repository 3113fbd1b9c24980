import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { except } from 'hono/combine';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.js';
import type { Config } from './config.js';
import { createAdminService } from './domain/admin.js';
import { createCommentService } from './domain/comments.js';
import { createDataPorter } from './domain/data-export.js';
import { createIpKeys } from './domain/ip-keys.js';
import { createPow } from './domain/pow.js';
import { createMemoryRateLimiter, type RateLimiter } from './domain/rate-limit.js';
import {
  createThreadCache,
  invalidatingStore,
  type ThreadCache,
  threadCacheOptionsFor,
} from './domain/thread-cache.js';
import { createWebhooks } from './domain/webhooks.js';
import { createWordLists } from './domain/word-lists.js';
import type { EventBus } from './events/bus.js';
import { createLiveHub, type LiveHubOptions } from './events/live-hub.js';
import { createAdminAuth } from './middleware/admin-auth.js';
import { createBodyLimit } from './middleware/body-limit.js';
import { createClientIp } from './middleware/client-ip.js';
import { createApiCors } from './middleware/cors.js';
import { createErrorHandler, errorResponse, handleNotFound } from './middleware/error-handler.js';
import { createRateLimit, rateLimitSubject } from './middleware/rate-limit.js';
import {
  createRequestLog,
  type LogSink,
  logErrorTo,
  stdoutSink,
} from './middleware/request-log.js';
import { validationHook } from './middleware/validate.js';
import { adminRoutes } from './routes/admin.js';
import { adminDataRoutes } from './routes/admin-data.js';
import { adminPageRoutes } from './routes/admin-page.js';
import { challengeRoutes } from './routes/challenge.js';
import { commentRoutes } from './routes/comments.js';
import { countRoutes } from './routes/counts.js';
import { demoRoutes } from './routes/demo.js';
import { embedRoutes } from './routes/embed.js';
import { type EventRouteOptions, eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { openApiRoutes } from './routes/openapi.js';
import { previewRoutes } from './routes/preview.js';
import { threadRoutes } from './routes/threads.js';
import { LIMITS } from './schema/limits.js';
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
  /** Server secret: keys avatar seeds, signatures and fingerprints (see domain/secret.ts); IP hashes use day keys. */
  secret: string;
  /** Clock in epoch milliseconds; tests pass a fixed one. */
  now?: () => number;
  log?: LogSink;
  paths?: { bundle?: string; demoDir?: string };
  /** Tuning of live updates (heartbeat, replay buffer); tests shorten the timers. */
  live?: LiveHubOptions & EventRouteOptions;
  /** Counts posts per client: this process's memory unless given (main.ts shares one through PostgreSQL). */
  rateLimiter?: RateLimiter;
  /** Serialised thread pages; by default one per app, sized and timed for the engine (domain/thread-cache.ts). */
  threadCache?: ThreadCache;
}

export function createApp(deps: AppDeps) {
  const { events, config, secret } = deps;
  // Every service writes through this store, so each write drops the cached thread pages it changed.
  const threadCache =
    deps.threadCache ??
    createThreadCache({
      ...threadCacheOptionsFor(config.databaseUrl),
      foreignWrites: () => deps.store.foreignWriteVersion(),
    });
  const store = invalidatingStore(deps.store, threadCache);
  const now = deps.now ?? Date.now;
  const log = deps.log ?? stdoutSink;
  const ipKeys = createIpKeys({ store, now });
  const wordLists = createWordLists({ store, now });
  const webhooks =
    config.webhookUrl && config.webhookSecret
      ? createWebhooks({
          url: config.webhookUrl,
          secret: config.webhookSecret,
          now,
          log: (line) => log({ time: new Date().toISOString(), ...line }),
        })
      : null;
  const comments = createCommentService({
    store,
    events,
    config,
    secret,
    now,
    wordLists,
    webhooks,
    threadCache,
    ipKeys,
  });
  const admin = createAdminService({ store, events, wordLists, webhooks, now });
  const porter = createDataPorter({ store, secret, wordLists, now });
  const live = createLiveHub(events, deps.live);
  const ipHash = async (c: Context<AppEnv>) => {
    const ip = c.get('clientIp');
    return ip ? ipKeys.hash('ip', ip) : null;
  };

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  app.use(requestId());
  if (config.log) app.use(createRequestLog(log));
  // embed.js sets its own cross-origin policy; the rest keeps Hono's strict defaults.
  app.use(secureHeaders({ crossOriginResourcePolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(createClientIp(config.trustedProxies));
  app.use('/api/*', createApiCors(config.origins));
  app.on(
    // Only requests with a body: asking a GET for its body makes the Node adapter build a whole Request.
    ['POST', 'PUT', 'PATCH', 'DELETE'],
    '/api/*',
    // Imports carry whole sites: that route sets its own, larger limit.
    except(
      '/api/admin/import',
      createBodyLimit({
        maxSize: LIMITS.requestBytes,
        onError: (c) => {
          // The rest of the body is never read, so this connection cannot carry another request.
          c.header('Connection', 'close');
          return errorResponse(
            c,
            'payload_too_large',
            `The request body is larger than ${LIMITS.requestBytes} bytes.`,
          );
        },
      }),
    ),
  );
  app.use('/api/admin/*', createAdminAuth({ token: config.adminToken, now }));
  // Only posting is limited: reading is never slowed.
  app.on(
    'POST',
    '/api/comments',
    createRateLimit({
      limiter: deps.rateLimiter ?? createMemoryRateLimiter(),
      rules: config.rateLimit,
      now,
      // Counter rows outlive no window, and their keys are forgotten with the day's key.
      key: (c) => ipKeys.hash('rate', rateLimitSubject(c.get('clientIp'))),
    }),
  );

  const routes = app
    .route('/', healthRoutes(store))
    .route('/', embedRoutes(deps.paths?.bundle ?? join(ROOT, 'dist', 'widget', 'embed.js')))
    .route('/', demoRoutes(deps.paths?.demoDir ?? join(ROOT, 'demo')))
    .route('/', threadRoutes(comments))
    .route('/', commentRoutes({ comments, ipHash }))
    .route(
      '/',
      challengeRoutes(
        config.pow ? createPow({ secret, maxnumber: config.powDifficulty, now, store }) : null,
      ),
    )
    .route('/', countRoutes(comments))
    .route('/', previewRoutes())
    .route('/', eventRoutes(live, deps.live))
    .route('/', adminRoutes(admin))
    .route('/', adminDataRoutes({ admin, porter }))
    .route('/', adminPageRoutes(deps.paths?.demoDir ?? join(ROOT, 'demo')))
    .route('/', openApiRoutes(app));

  app.onError(createErrorHandler(logErrorTo(log)));
  app.notFound(handleNotFound);
  return routes;
}

export type App = ReturnType<typeof createApp>;
export type AppType = App;
