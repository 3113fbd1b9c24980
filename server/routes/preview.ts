import { createRoute } from '@hono/zod-openapi';
import { renderMarkdown } from '../domain/markdown.js';
import { createRouter } from '../middleware/validate.js';
import { PreviewInputSchema, PreviewResponseSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const preview = createRoute({
  method: 'post',
  path: '/api/preview',
  summary: 'Render a comment body exactly as it would be posted',
  request: {
    body: { required: true, content: { 'application/json': { schema: PreviewInputSchema } } },
  },
  responses: {
    200: {
      description: 'The rendered HTML',
      content: { 'application/json': { schema: PreviewResponseSchema } },
    },
    400: errorResponses[400],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export function previewRoutes() {
  return createRouter().openapi(preview, (c) =>
    c.json({ html: renderMarkdown(c.req.valid('json').body) }, 200),
  );
}
