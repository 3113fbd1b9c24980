import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../app-env.js';
import type { Sites } from '../domain/sites.js';
import { requireThreadKey } from '../domain/thread-key.js';
import type { LiveEvent, LiveHub } from '../events/live-hub.js';
import type { StreamLimits } from '../events/stream-limits.js';
import { errorResponse } from '../middleware/error-handler.js';
import { createRouter } from '../middleware/validate.js';
import { ThreadUrlSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const subscribe = createRoute({
  method: 'get',
  path: '/api/events',
  summary: 'Live changes of one thread (its comments, its closing) as Server-Sent Events',
  description:
    'Events `comment.created`, `comment.updated`, `comment.deleted` carry a Comment as data (`comment.updated` also for a new like count or a featured mark); `thread.updated` carries `{closed, closesAt?}` when an admin closes or reopens the thread, or changes whether (and when) the age rule closes it; `resync` (no data) means events were missed and the thread should be reloaded. Send Last-Event-ID to resume. Comment lines (`: ping`) keep the connection open.',
  request: {
    query: z.object({
      url: ThreadUrlSchema,
      // EventSource cannot send headers: a stream the widget closed on purpose resumes through the query.
      lastEventId: z
        .string()
        .optional()
        .openapi({ description: 'Last-Event-ID for a client that cannot send headers' }),
    }),
  },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    400: errorResponses[400],
    403: errorResponses[403],
    429: errorResponses[429],
    503: errorResponses[503],
  },
});

export interface EventRouteOptions {
  heartbeatMs?: number;
}

export interface EventRouteDeps {
  hub: LiveHub;
  limits: StreamLimits;
  /** Who a stream counts against: the same subject as the posting limit (an IPv4 address or IPv6 /64). */
  client: (c: Context<AppEnv>) => string;
  /** A stream is for a thread of a site, and a browser's page must be one of that site's origins. */
  sites: Pick<Sites, 'forThread'>;
}

/** How long a refused reader is asked to wait: long enough for other readers' streams to end. */
const RETRY_STREAM_SECONDS = 30;

export function eventRoutes(
  { hub, limits, client, sites }: EventRouteDeps,
  opts: EventRouteOptions = {},
) {
  const heartbeatMs = opts.heartbeatMs ?? 25_000;
  return createRouter().openapi(subscribe, async (c) => {
    const url = requireThreadKey(c.req.valid('query').url);
    await sites.forThread(url, c.get('pageOrigin') ?? null);
    const lastEventId = c.req.header('Last-Event-ID') ?? c.req.valid('query').lastEventId;
    const admission = limits.admit(client(c));
    if (!admission.ok) {
      c.header('Retry-After', String(RETRY_STREAM_SECONDS));
      return (
        admission.reason === 'client'
          ? errorResponse(
              c,
              'rate_limited',
              'Too many live-update streams are open from your address: close some tabs.',
            )
          : errorResponse(
              c,
              'service_unavailable',
              'The server holds as many live-update streams as it can; try again later.',
            )
      ) as never;
    }
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | null = null;
      const sub = hub.subscribe(url, lastEventId, (e) => {
        queue.push(e);
        wake?.();
      });
      let open = true;
      const stop = () => {
        open = false;
        wake?.();
      };
      stream.onAbort(stop);
      const heartbeat = setInterval(() => void stream.write(': ping\n\n').catch(stop), heartbeatMs);
      try {
        await stream.write('retry: 3000\n\n');
        if (sub.missed === 'resync') await stream.writeSSE({ event: 'resync', data: '' });
        else queue.unshift(...sub.missed);
        while (open && !stream.aborted) {
          const next = queue.shift();
          if (next) {
            await stream.writeSSE({
              id: next.id,
              event: next.type,
              data: JSON.stringify('comment' in next ? next.comment : next.thread),
            });
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      } finally {
        clearInterval(heartbeat);
        sub.unsubscribe();
        admission.release();
      }
    });
  });
}
