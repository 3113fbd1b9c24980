import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { CommentService } from '../domain/comments.js';
import { DomainError } from '../domain/errors.js';
import { bearerToken } from '../http/bearer.js';
import { createRouter } from '../middleware/validate.js';
import {
  CommentBodySchema,
  CommentIdParamsSchema,
  PostCommentInputSchema,
  PostCommentResultSchema,
  PublicCommentSchema,
} from '../schema/index.js';
import { errorResponses } from './responses.js';

const EditInputSchema = z.object({ body: CommentBodySchema }).openapi('EditCommentInput');
const bearer = [{ editToken: [] }];

const postComment = createRoute({
  method: 'post',
  path: '/api/comments',
  summary: 'Post a comment or a reply',
  description:
    'A URL whose host belongs to no site answers 400 `unknown_site`; a page whose origin is not one of that site’s answers 403 `origin_not_allowed`. A closed thread answers 403 `thread_closed`. A post from a banned email or address is answered as a held one is.',
  request: {
    body: { required: true, content: { 'application/json': { schema: PostCommentInputSchema } } },
  },
  responses: {
    201: {
      description: 'Stored; keep editToken to edit or delete it',
      content: { 'application/json': { schema: PostCommentResultSchema } },
    },
    400: errorResponses[400],
    403: errorResponses[403],
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
    429: errorResponses[429],
  },
});

const editComment = createRoute({
  method: 'patch',
  path: '/api/comments/{id}',
  summary: "Edit one's own comment within the edit window",
  security: bearer,
  request: {
    params: CommentIdParamsSchema,
    body: { required: true, content: { 'application/json': { schema: EditInputSchema } } },
  },
  responses: {
    200: {
      description: 'The edited comment',
      content: { 'application/json': { schema: z.object({ comment: PublicCommentSchema }) } },
    },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    429: errorResponses[429],
  },
});

const deleteComment = createRoute({
  method: 'delete',
  path: '/api/comments/{id}',
  summary: "Delete one's own comment within the edit window",
  security: bearer,
  request: { params: CommentIdParamsSchema },
  responses: {
    204: { description: 'Deleted; with replies it stays as a placeholder' },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    429: errorResponses[429],
  },
});

function editToken(c: Context<AppEnv>): string {
  const token = bearerToken(c.req.header('Authorization'));
  if (token === null)
    throw new DomainError(
      'unauthorized',
      'Send the edit token you got when posting as "Authorization: Bearer <token>".',
    );
  return token;
}

export interface CommentRouteDeps {
  comments: CommentService;
  /** The client's address as an irreversible keyed hash, or null when unknown. */
  ipHash: (c: Context<AppEnv>) => Promise<string | null>;
  /** The client as the limits count it (an IPv4 address or an IPv6 /64). */
  client: (c: Context<AppEnv>) => string;
}

export function commentRoutes({ comments, ipHash, client }: CommentRouteDeps) {
  return createRouter()
    .openapi(postComment, async (c) =>
      c.json(
        await comments.post(c.req.valid('json'), {
          ipHash: await ipHash(c),
          client: client(c),
          ip: c.get('clientIp'),
          origin: c.get('pageOrigin') ?? null,
        }),
        201,
      ),
    )
    .openapi(editComment, async (c) => {
      const comment = await comments.edit(
        c.req.valid('param').id,
        editToken(c),
        c.req.valid('json').body,
        c.get('pageOrigin') ?? null,
      );
      return c.json({ comment }, 200);
    })
    .openapi(deleteComment, async (c) => {
      await comments.remove(c.req.valid('param').id, editToken(c), c.get('pageOrigin') ?? null);
      return c.body(null, 204);
    });
}
