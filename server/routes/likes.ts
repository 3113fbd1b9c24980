import { createRoute } from '@hono/zod-openapi';
import type { Likes } from '../domain/likes.js';
import { createRouter } from '../middleware/validate.js';
import { CommentIdParamsSchema, LikeInputSchema, LikeResultSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

const like = (method: 'post' | 'delete') =>
  createRoute({
    method,
    path: '/api/comments/{id}/like',
    summary:
      method === 'post'
        ? "Like a comment: once per browser's key, however often asked"
        : 'Take back this browser’s like of a comment',
    description:
      'No account: the widget sends a random key it keeps in the browser; the server keeps only a keyed hash of it. ' +
      'Rate-limited per client (CONFAB_LIKE_RATE_LIMIT). Readers of the thread get the new count as `comment.updated`.',
    request: {
      params: CommentIdParamsSchema,
      body: { required: true, content: json(LikeInputSchema) },
    },
    responses: {
      200: { description: 'The comment’s likes now', content: json(LikeResultSchema) },
      400: errorResponses[400],
      404: errorResponses[404],
      429: errorResponses[429],
    },
  });

export function likeRoutes(likes: Likes) {
  return createRouter()
    .openapi(like('post'), async (c) =>
      c.json(
        await likes.set(
          c.req.valid('param').id,
          c.req.valid('json').key,
          true,
          c.get('pageOrigin') ?? null,
        ),
        200,
      ),
    )
    .openapi(like('delete'), async (c) =>
      c.json(
        await likes.set(
          c.req.valid('param').id,
          c.req.valid('json').key,
          false,
          c.get('pageOrigin') ?? null,
        ),
        200,
      ),
    );
}
