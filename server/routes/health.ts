import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from '../middleware/error-handler.js';
import { createRouter } from '../middleware/validate.js';
import type { Store } from '../store/store.js';
import { errorResponses } from './responses.js';

const health = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Answers 200 while the store answers',
  responses: {
    200: {
      description: 'Healthy',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
    503: errorResponses[503],
  },
});

export function healthRoutes(store: Store) {
  return createRouter().openapi(health, async (c) => {
    try {
      await store.ping();
    } catch {
      return errorResponse(c, 'service_unavailable', 'The database is not answering.') as never;
    }
    return c.json({ status: 'ok' as const }, 200);
  });
}
