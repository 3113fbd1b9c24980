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
import { createBans } from './domain/bans.js';
import { createCommentService } from './domain/comments.js';
import { createDataPorter } from './domain/data-export.js';
import { createFeeds } from './domain/feeds.js';
import { InvalidatingStore } from './domain/invalidating-store.js';
import { createIpKeys } from './domain/ip-keys.js';
import { createLikes } from './domain/likes.js';
import { createNotifications } from './domain/notifications.js';
import { createPow } from './domain/pow.js';
import {
  createMemoryCounter,
  createRateLimiter,
  type RateLimiter,
  type WindowCounter,
} from './domain/rate-limit.js';
import { createSiteAdmin } from './domain/site-admin.js';
import { createSites } from './domain/sites.js';
import { createStaffReplies } from './domain/staff-replies.js';
import {
  createThreadCache,
  type ThreadCache,
  threadCacheOptionsFor,
} from './domain/thread-cache.js';
import { createThreadAdmin } from './domain/threads.js';
import { createSiteWebhooks } from './domain/webhooks.js';
import { createSiteWordLists } from './domain/word-lists.js';
import type { EventBus } from './events/bus.js';
import { createLiveHub, type LiveHubOptions } from './events/live-hub.js';
import { createStreamLimits } from './events/stream-limits.js';
import { createAdminAuth } from './middleware/admin-auth.js';
import { createBodyLimit } from './middleware/body-limit.js';
import { createClientIp } from './middleware/client-ip.js';
import { refuseContentEncoding } from './middleware/content-encoding.js';
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
import { adminNewsroomRoutes } from './routes/admin-newsroom.js';
import { adminPageRoutes } from './routes/admin-page.js';
import { adminSiteRoutes } from './routes/admin-sites.js';
import { challengeRoutes } from './routes/challenge.js';
import { commentRoutes } from './routes/comments.js';
import { countRoutes } from './routes/counts.js';
import { demoRoutes } from './routes/demo.js';
import { embedRoutes } from './routes/embed.js';
import { type EventRouteOptions, eventRoutes } from './routes/events.js';
import { feedRoutes } from './routes/feeds.js';
import { healthRoutes } from './routes/health.js';
import { likeRoutes } from './routes/likes.js';
import { mailRoutes } from './routes/mail.js';
import { openApiRoutes } from './routes/openapi.js';
import { previewRoutes } from './routes/preview.js';
import { threadHtmlRoutes } from './routes/thread-html.js';
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
  /**
   * Window counters behind every per-client limit (posts, edits, proof-of-work difficulty): this process's
   * memory unless given (main.ts shares the store's through PostgreSQL).
   */
  counter?: WindowCounter;
  /** Counts posts and edits per client; built on `counter` unless given. */
  rateLimiter?: RateLimiter;
  /** Thread pages as readers get them; by default one per app, sized and timed for the engine (domain/thread-cache.ts). */
  threadCache?: ThreadCache;
}

export function createApp(deps: AppDeps) {
  const { events, config, secret } = deps;
  const now = deps.now ?? Date.now;
  // Every service writes through this store, so each write drops the cached thread pages it changed.
  const threadCache =
    deps.threadCache ??
    createThreadCache({
      ...threadCacheOptionsFor(config.engine),
      foreignWrites: () => deps.store.foreignWriteVersion(),
      // The app's clock: a page expires when its thread closes by age, on the clock that closes it.
      now,
    });
  const store = new InvalidatingStore(deps.store, threadCache);
  const log = deps.log ?? stdoutSink;
  const counter = deps.counter ?? createMemoryCounter();
  const rateLimiter = deps.rateLimiter ?? createRateLimiter(counter);
  const clientOf = (c: Context<AppEnv>) => rateLimitSubject(c.get('clientIp'));
  const ipKeys = createIpKeys({ store, now });
  const wordLists = createSiteWordLists({ store, now });
  const webhooks = createSiteWebhooks({
    now,
    log: (line) => log({ time: new Date().toISOString(), ...line }),
  });
  const sites = createSites({ store, config, now });
  const notifications = createNotifications({ store, config, secret, now, sites });
  const bans = createBans({ store, ipKeys, now });
  const comments = createCommentService({
    notifications,
    store,
    events,
    config,
    secret,
    now,
    wordLists,
    webhooks,
    threadCache,
    limiter: rateLimiter,
    ipKeys,
    bans,
    sites,
  });
  const admin = createAdminService({
    store,
    events,
    wordLists,
    webhooks,
    sites,
    now,
    notifications,
  });
  const porter = createDataPorter({ store, secret, wordLists, now, sites });
  const siteAdmin = createSiteAdmin({ store, sites, now });
  const staff = createStaffReplies({
    store,
    events,
    config,
    secret,
    now,
    webhooks,
    sites,
    notifications,
  });
  const threadAdmin = createThreadAdmin({
    store,
    events,
    closeAfterDays: config.closeAfterDays,
    now,
  });
  const live = createLiveHub(events, deps.live);
  const streamLimits = createStreamLimits({
    maxStreams: config.maxStreams,
    maxPerClient: config.maxStreamsPerClient,
  });
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
  app.use('/api/*', createApiCors(sites.servesOrigin));
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/api/*', refuseContentEncoding);
  app.on(
    // Only requests with a body: asking a GET for its body makes the Node adapter build a whole Request.
    ['POST', 'PUT', 'PATCH', 'DELETE'],
    '/api/*',
    // Imports carry whole sites: that route sets its own, larger limit.
    except(
      '/api/admin/import',
      createBodyLimit({
        maxSize: LIMITS.requestBytes,
        onError: (c) =>
          errorResponse(
            c,
            'payload_too_large',
            `The request body is larger than ${LIMITS.requestBytes} bytes.`,
          ),
      }),
    ),
  );
  app.use(
    '/api/admin/*',
    createAdminAuth({
      token: config.adminToken,
      siteOfToken: async (token) => (await sites.byToken(token))?.id,
      now,
    }),
  );
  // Only posting is limited: reading is never slowed.
  app.on(
    'POST',
    ['/api/comments', '/api/verify'],
    createRateLimit({
      limiter: rateLimiter,
      rules: config.rateLimit,
      now,
      // Counter rows outlive no window, and their keys are forgotten with the day's key.
      key: (c) => ipKeys.hash('rate', clientOf(c)),
    }),
  );
  // Each edit is a write and a live event to every reader: counted per client like posts, and per
  // comment by the comment service (CONFAB_MAX_EDITS).
  app.on(
    ['PATCH', 'DELETE'],
    '/api/comments/:id',
    createRateLimit({
      limiter: rateLimiter,
      rules: config.editRateLimit,
      now,
      key: (c) => ipKeys.hash('edit-rate', clientOf(c)),
      doing: 'changing comments',
    }),
  );

  app.on(
    ['POST', 'DELETE'],
    '/api/comments/:id/like',
    createRateLimit({
      limiter: rateLimiter,
      rules: config.likeRateLimit,
      now,
      key: (c) => ipKeys.hash('like-rate', clientOf(c)),
      doing: 'liking',
    }),
  );

  const routes = app
    .route('/', healthRoutes(store))
    .route('/', embedRoutes(deps.paths?.bundle ?? join(ROOT, 'dist', 'widget', 'embed.js')))
    .route(
      '/',
      demoRoutes(deps.paths?.demoDir ?? join(ROOT, 'demo'), (path) =>
        Promise.resolve(app.request(path)),
      ),
    )
    .route('/', threadRoutes(comments))
    .route(
      '/',
      threadHtmlRoutes(comments, { server: config.publicUrl, mail: config.mail !== null }),
    )
    .route('/', commentRoutes({ comments, ipHash, client: clientOf }))
    .route('/', likeRoutes(createLikes({ store, sites, events, secret, now })))
    .route(
      '/',
      challengeRoutes(
        config.pow
          ? createPow({
              secret,
              maxnumber: config.powDifficulty,
              freeChallenges: config.powFreeChallenges,
              minSubmitSeconds: config.minSubmitSeconds,
              now,
              store,
              counter,
            })
          : null,
        clientOf,
      ),
    )
    .route('/', countRoutes(comments))
    .route('/', previewRoutes())
    .route(
      '/',
      eventRoutes({ hub: live, limits: streamLimits, client: clientOf, sites }, deps.live),
    )
    .route('/', feedRoutes(createFeeds({ store })))
    .route('/', adminRoutes(admin))
    .route('/', adminDataRoutes({ admin, porter }))
    .route('/', adminNewsroomRoutes({ threads: threadAdmin, staff, bans }))
    .route('/', adminSiteRoutes(siteAdmin))
    .route('/', mailRoutes({ notifications, admin }))
    .route('/', adminPageRoutes(deps.paths?.demoDir ?? join(ROOT, 'demo')))
    .route('/', openApiRoutes(app));

  app.onError(createErrorHandler(logErrorTo(log)));
  app.notFound(handleNotFound);
  return routes;
}

export type App = ReturnType<typeof createApp>;
export type AppType = App;
