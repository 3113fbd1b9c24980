import { createRoute } from '@hono/zod-openapi';
import type { CommentService } from '../domain/comments.js';
import { createRouter } from '../middleware/validate.js';
import { ThreadQuerySchema, ThreadResponseSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const getThread = createRoute({
  method: 'get',
  path: '/api/threads',
  summary: 'A page of a thread: top-level comments with all their replies',
  request: { query: ThreadQuerySchema },
  responses: {
    200: { description: 'The thread page', content: { 'application/json': { schema: ThreadResponseSchema } } },
    400: errorResponses[400],
  },
});

export function threadRoutes(comments: CommentService) {
  return createRouter().openapi(getThread, async (c) => c.json(await comments.readThread(c.req.valid('query')), 200));
}
