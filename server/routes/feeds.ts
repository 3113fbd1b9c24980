import { createRoute, z } from '@hono/zod-openapi';
import type { FeedFormat, Feeds } from '../domain/feeds.js';
import { cacheableBody, sendCacheable } from '../http/cacheable-body.js';
import { CHANGING_PAGE } from '../http/encoding.js';
import { createRouter } from '../middleware/validate.js';
import { ThreadUrlSchema } from '../schema/thread-url.js';
import { errorResponses } from './responses.js';

const FeedQuerySchema = z.object({
  url: ThreadUrlSchema.optional().openapi({
    description: "One thread's comments; the whole site's when left out",
    example: 'https://news.example/2016/05/kazakstan',
  }),
});

const TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
};

const feedRoute = (format: FeedFormat) =>
  createRoute({
    method: 'get',
    path: `/feed/comments.${format}`,
    summary: `The latest 50 approved comments of the site, or of one thread with url=, as ${
      format === 'atom' ? 'Atom 1.0' : 'RSS 2.0'
    }`,
    description:
      "Each entry has the author's name (never the email), the comment's HTML, its time and a link to " +
      '`page#comment-N`. An empty or unknown thread is a valid feed without entries. Answers with an ETag; ' +
      'send it back as If-None-Match to get 304 while the feed is unchanged. Compressed (br, gzip) when the ' +
      'client accepts it.',
    tags: ['feeds'],
    request: { query: FeedQuerySchema },
    responses: {
      200: {
        description: `The ${format === 'atom' ? 'Atom' : 'RSS'} feed`,
        content: { [TYPES[format].split(';')[0]!]: { schema: z.string() } },
      },
      304: { description: 'Not modified since the ETag sent in If-None-Match' },
      400: errorResponses[400],
    },
  });

const utf8 = new TextEncoder();

export function feedRoutes(feeds: Feeds) {
  const router = createRouter();
  for (const format of ['atom', 'rss'] as const) {
    router.openapi(feedRoute(format), async (c) => {
      const feed = await feeds.build({
        format,
        url: c.req.valid('query').url ?? null,
        origin: new URL(c.req.url).origin,
      });
      const body = cacheableBody(utf8.encode(feed), {
        contentType: TYPES[format],
        compression: CHANGING_PAGE,
      });
      // Feed readers may keep a copy but ask again: unchanged, the answer is a bodiless 304.
      return sendCacheable(c, body, 'public, no-cache') as never;
    });
  }
  return router;
}
