import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { DomainError } from '../domain/errors.js';
import { threadKey } from '../domain/url-key.js';
import type { LiveEvent, LiveHub } from '../events/live-hub.js';
import { createRouter } from '../middleware/validate.js';
import { ThreadUrlSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const subscribe = createRoute({
  method: 'get',
  path: '/api/events',
  summary: 'Live comment changes of one thread as Server-Sent Events',
  description:
    'Events `comment.created`, `comment.updated`, `comment.deleted` carry a Comment as data; `resync` (no data) means events were missed and the thread should be reloaded. Send Last-Event-ID to resume. Comment lines (`: ping`) keep the connection open.',
  request: { query: z.object({ url: ThreadUrlSchema }) },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    400: errorResponses[400],
  },
});

export interface EventRouteOptions {
  heartbeatMs?: number;
}

export function eventRoutes(hub: LiveHub, opts: EventRouteOptions = {}) {
  const heartbeatMs = opts.heartbeatMs ?? 25_000;
  return createRouter().openapi(subscribe, (c) => {
    const url = threadKey(c.req.valid('query').url);
    if (!url)
      throw new DomainError('invalid_request', 'The page address is not valid.', {
        url: 'must be an absolute http or https address',
      });
    const lastEventId = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId');
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
              data: JSON.stringify(next.comment),
            });
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      } finally {
        clearInterval(heartbeat);
        sub.unsubscribe();
      }
    });
  });
}
