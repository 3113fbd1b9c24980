import { createRoute } from '@hono/zod-openapi';
import type { CommentService } from '../domain/comments.js';
import { bodyPerValue, cacheableBody, sendCacheable } from '../http/cacheable-body.js';
import { CHANGING_PAGE } from '../http/encoding.js';
import { createRouter } from '../middleware/validate.js';
import { ThreadQuerySchema, type ThreadResponse, ThreadResponseSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const getThread = createRoute({
  method: 'get',
  path: '/api/threads',
  summary: 'A page of a thread: top-level comments with all their replies',
  description:
    '`sort=best` lists the most liked first, then the oldest. The first page (no cursor) also lists the thread’s featured comments, which keep their place in the thread too. ' +
    '`thread.closed` says whether the thread still takes comments. ' +
    'A URL whose host belongs to no site answers 400 `unknown_site`; a page whose origin is not one of that site’s answers 403 `origin_not_allowed`. ' +
    'Answers with an ETag; send it back as If-None-Match to get 304 while the page is unchanged. Compressed (br, gzip) when the client accepts it.',
  request: { query: ThreadQuerySchema },
  responses: {
    200: {
      description: 'The thread page',
      content: { 'application/json': { schema: ThreadResponseSchema } },
    },
    304: { description: 'Not modified since the ETag sent in If-None-Match' },
    400: errorResponses[400],
    403: errorResponses[403],
  },
});

/**
 * How clients may keep a thread page, in any rendering: a copy, asked for again each time, so that an
 * unchanged page costs a bodiless 304.
 */
export const THREAD_PAGE_CACHING = 'no-cache';

const utf8 = new TextEncoder();

export function threadRoutes(comments: CommentService) {
  // The comment service hands out one value per page until its thread changes: one JSON body each.
  const json = bodyPerValue((page: ThreadResponse) =>
    cacheableBody(utf8.encode(JSON.stringify(page)), {
      contentType: 'application/json',
      compression: CHANGING_PAGE,
    }),
  );
  return createRouter().openapi(getThread, async (c) => {
    const page = await comments.readThread(c.req.valid('query'), c.get('pageOrigin') ?? null);
    return sendCacheable(c, json(page), THREAD_PAGE_CACHING) as never;
  });
}
