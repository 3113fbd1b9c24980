import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { Pow } from '../domain/pow.js';
import { requireThreadKey } from '../domain/thread-key.js';
import { errorResponse } from '../middleware/error-handler.js';
import { createRouter } from '../middleware/validate.js';
import { PowChallengeSchema, ThreadUrlSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const getChallenge = createRoute({
  method: 'get',
  path: '/api/challenge',
  summary: 'A signed proof-of-work challenge to solve before posting (docs/pow.md)',
  description:
    'The challenge works only for the client that fetched it and, when `url` is given, only for posts to that thread. A client fetching many gets harder ones.',
  request: { query: z.object({ url: ThreadUrlSchema.optional() }) },
  responses: {
    200: {
      description: 'Solve it and send it back as `pow` with the comment',
      content: { 'application/json': { schema: PowChallengeSchema } },
    },
    400: errorResponses[400],
    404: errorResponses[404],
  },
});

/**
 * `pow` is null while proof of work is off: then there is nothing to solve and posts need no `pow`.
 * `client` names who the challenge is for (the same subject as the posting limit).
 */
export function challengeRoutes(pow: Pow | null, client: (c: Context<AppEnv>) => string) {
  return createRouter().openapi(getChallenge, async (c) => {
    if (!pow)
      return errorResponse(
        c,
        'not_found',
        'Proof of work is off on this server: post without `pow`.',
      ) as never;
    // Every challenge is single-use: a cached one would already be spent.
    c.header('Cache-Control', 'no-store');
    const { url } = c.req.valid('query');
    return c.json(
      await pow.issue({ url: url === undefined ? null : requireThreadKey(url), client: client(c) }),
      200,
    );
  });
}
