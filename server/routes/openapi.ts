import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { createRouter } from '../middleware/validate.js';
import { completeDocument } from './openapi-complete.js';

const OPENAPI_PATH = '/api/openapi.json';

const getDocument = createRoute({
  method: 'get',
  path: OPENAPI_PATH,
  summary:
    'This OpenAPI 3.1 document: every route, generated from the schemas the server validates with',
  tags: ['meta'],
  responses: {
    200: {
      description: 'The OpenAPI document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
});

/**
 * Serves the OpenAPI document of `app`, built once on first request from the route definitions the app
 * validates with, so the document cannot drift from the server. Mount it last.
 */
export function openApiRoutes(app: OpenAPIHono<AppEnv>) {
  const router = createRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'editToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The `editToken` returned when the comment was posted.',
  });
  router.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: "The server's CONFAB_ADMIN_TOKEN.",
  });
  let document: unknown;
  return router.openapi(getDocument, (c) => {
    document ??= completeDocument(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Confab API',
          version: '1',
          description:
            'Self-hosted comments. Every error answers `{"error":{"code","message","fields"?}}`.',
        },
      }),
      // Relative: the document is served by the server it describes, at whatever address that has.
      { serverUrl: '/' },
    );
    return c.json(document as Record<string, unknown>, 200);
  });
}
