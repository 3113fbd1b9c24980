import { createRoute } from '@hono/zod-openapi';
import type { Pow } from '../domain/pow.js';
import { errorResponse } from '../middleware/error-handler.js';
import { createRouter } from '../middleware/validate.js';
import { PowChallengeSchema } from '../schema/index.js';
import { errorResponses } from './responses.js';

const getChallenge = createRoute({
  method: 'get',
  path: '/api/challenge',
  summary: 'A signed proof-of-work challenge to solve before posting (docs/pow.md)',
  responses: {
    200: {
      description: 'Solve it and send it back as `pow` with the comment',
      content: { 'application/json': { schema: PowChallengeSchema } },
    },
    404: errorResponses[404],
  },
});

/** `pow` is null while proof of work is off: then there is nothing to solve and posts need no `pow`. */
export function challengeRoutes(pow: Pow | null) {
  return createRouter().openapi(getChallenge, async (c) => {
    if (!pow)
      return errorResponse(
        c,
        'not_found',
        'Proof of work is off on this server: post without `pow`.',
      ) as never;
    // Every challenge is single-use: a cached one would already be spent.
    c.header('Cache-Control', 'no-store');
    return c.json(pow.issue(), 200);
  });
}
