import { createRoute } from '@hono/zod-openapi';
import type { CommentService } from '../domain/comments.js';
import { compress, etagMatches, pickEncoding } from '../domain/thread-cache.js';
import { createRouter } from '../middleware/validate.js';
import { renderThreadFragment } from '../render/thread-fragment.js';
import { ThreadHtmlQuerySchema, type ThreadResponse } from '../schema/index.js';
import { LIMITS } from '../schema/limits.js';
import { errorResponses } from './responses.js';

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

export function threadHtmlRoutes(
  comments: CommentService,
  site: { publicUrl: string; mail: boolean },
) {
  return createRouter().openapi(getThreadHtml, async (c) => {
    const q = c.req.valid('query');
    const page = await comments.readThreadPage({
      url: q.url,
      sort: q.sort,
      limit: LIMITS.pageDefault,
    });
    // The thread's own tag, told apart per rendering: a change of either changes the bytes.
    const etag = page.etag.replace(/"$/, `-${q.sort}-${q.lang}-${q.theme ?? ''}-html"`);
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304) as never;
    const html = await renderThreadFragment({
      page: JSON.parse(new TextDecoder().decode(page.body)) as ThreadResponse,
      url: q.url,
      sort: q.sort,
      lang: q.lang,
      theme: q.theme,
      server: site.publicUrl,
      mail: site.mail,
    });
    const body = new TextEncoder().encode(html);
    const encoding = pickEncoding(c.req.header('Accept-Encoding'));
    c.header('Content-Type', 'text/html; charset=utf-8');
    if (!encoding) return c.body(body, 200) as never;
    c.header('Content-Encoding', encoding);
    return c.body(compress(body, encoding) as Uint8Array<ArrayBuffer>, 200) as never;
  });
}
