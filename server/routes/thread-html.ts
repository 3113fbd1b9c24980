import { createRoute } from '@hono/zod-openapi';
import type { CommentService } from '../domain/comments.js';
import {
  bodyPerValue,
  type CacheableBody,
  cacheableBody,
  sendCacheable,
} from '../http/cacheable-body.js';
import { CHANGING_PAGE } from '../http/encoding.js';
import { createRouter } from '../middleware/validate.js';
import type { FragmentOptions } from '../render/thread-fragment.js';
import {
  type ThreadHtmlQuery,
  ThreadHtmlQuerySchema,
  type ThreadResponse,
} from '../schema/index.js';
import { LIMITS } from '../schema/limits.js';
import { errorResponses } from './responses.js';
import { THREAD_PAGE_CACHING } from './threads.js';

const getThreadHtml = createRoute({
  method: 'get',
  path: '/api/threads/html',
  summary: 'The first page of a thread as HTML, for the publisher’s page to include',
  description:
    'A `<confab-comments>` element with the thread rendered into its declarative shadow root (readable without JavaScript; the widget hydrates it without asking for the thread again), the script that hydrates it, and schema.org DiscussionForumPosting markup. The same ETag and caching rules as GET /api/threads.',
  request: { query: ThreadHtmlQuerySchema },
  responses: {
    200: {
      description: 'The rendered thread',
      content: { 'text/html': { schema: { type: 'string' } } },
    },
    304: { description: 'Not modified since the ETag sent in If-None-Match' },
    400: errorResponses[400],
  },
});

const utf8 = new TextEncoder();

type Renderer = typeof import('../render/thread-fragment.js');

export function threadHtmlRoutes(
  comments: CommentService,
  site: Pick<FragmentOptions, 'server' | 'mail'>,
) {
  // One body per thread page and rendering (sort, language, theme), made once per change of the thread,
  // as the JSON's are: at most 48 renderings, each keeping its bodies for as long as their pages live.
  const renderings = new Map<string, (page: ThreadResponse) => CacheableBody>();
  let renderer: Renderer | undefined;
  const html = (q: ThreadHtmlQuery, fragment: Renderer['renderThreadFragment']) => {
    const key = `${q.sort}\n${q.lang}\n${q.theme ?? ''}`;
    let render = renderings.get(key);
    if (!render) {
      render = bodyPerValue((page: ThreadResponse) =>
        cacheableBody(
          // The thread's own address (its key), whichever spelling of it was asked for.
          utf8.encode(fragment({ ...site, ...q, url: page.thread.url, page })),
          {
            contentType: 'text/html; charset=utf-8',
            compression: CHANGING_PAGE,
          },
        ),
      );
      renderings.set(key, render);
    }
    return render;
  };
  return createRouter().openapi(getThreadHtml, async (c) => {
    const q = c.req.valid('query');
    // Loaded on the first request: a server whose publishers never include the rendered thread keeps Lit
    // and the widget's elements out of its memory.
    renderer ??= await import('../render/thread-fragment.js');
    const page = await comments.readThread(
      { url: q.url, sort: q.sort, limit: LIMITS.pageDefault },
      c.get('pageOrigin') ?? null,
    );
    return sendCacheable(
      c,
      html(q, renderer.renderThreadFragment)(page),
      THREAD_PAGE_CACHING,
    ) as never;
  });
}
