import { createRoute } from '@hono/zod-openapi';
import type { CommentService } from '../domain/comments.js';
import { createRouter } from '../middleware/validate.js';
import { CountsQuerySchema, CountsResponseSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const getCounts = createRoute({
  method: 'get',
  path: '/api/counts',
  summary: 'Approved-comment counts for many pages in one request',
  request: { query: CountsQuerySchema },
  responses: {
    200: {
      description: 'Counts keyed by the URLs as asked',
      content: { 'application/json': { schema: CountsResponseSchema } },
    },
    400: errorResponses[400],
  },
});

export function countRoutes(comments: CommentService) {
  return createRouter().openapi(getCounts, async (c) =>
    c.json(
      { counts: await comments.counts(c.req.valid('query').url, c.get('pageOrigin') ?? null) },
      200,
    ),
  );
}
