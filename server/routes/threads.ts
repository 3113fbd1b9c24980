import { createRoute } from '@hono/zod-openapi';
import type { CommentService } from '../domain/comments.js';
import { etagMatches, pickEncoding } from '../domain/thread-cache.js';
import { createRouter } from '../middleware/validate.js';
import { ThreadQuerySchema, ThreadResponseSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const getThread = createRoute({
  method: 'get',
  path: '/api/threads',
  summary: 'A page of a thread: top-level comments with all their replies',
  description:
    '`sort=best` lists the most liked first, then the oldest. The first page (no cursor) also lists the thread’s featured comments, which keep their place in the thread too. ' +
    '`thread.closed` says whether the thread still takes comments. ' +
    'Answers with an ETag; send it back as If-None-Match to get 304 while the page is unchanged. Compressed (br, gzip) when the client accepts it.',
  request: { query: ThreadQuerySchema },
  responses: {
    200: {
      description: 'The thread page',
      content: { 'application/json': { schema: ThreadResponseSchema } },
    },
    304: { description: 'Not modified since the ETag sent in If-None-Match' },
    400: errorResponses[400],
  },
});

export function threadRoutes(comments: CommentService) {
  return createRouter().openapi(getThread, async (c) => {
    // Serialised once per change of the thread: a hit only copies bytes (domain/thread-cache.ts).
    const page = await comments.readThreadPage(c.req.valid('query'));
    c.header('ETag', page.etag);
    // Readers may keep a copy but ask again each time: unchanged, the answer is a bodiless 304.
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (etagMatches(c.req.header('If-None-Match'), page.etag)) return c.body(null, 304) as never;
    const encoding = pickEncoding(c.req.header('Accept-Encoding'));
    const encoded = encoding && comments.encodedThreadPage(page, encoding);
    if (encoded) c.header('Content-Encoding', encoding);
    c.header('Content-Type', 'application/json');
    return c.body((encoded || page.body) as Uint8Array<ArrayBuffer>, 200) as never;
  });
}
