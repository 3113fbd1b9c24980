import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { AdminService } from '../domain/admin.js';
import { DomainError } from '../domain/errors.js';
import { createRouter } from '../middleware/validate.js';
import {
  AdminCommentPatchSchema,
  AdminCommentSchema,
  AdminCommentsPageSchema,
  AdminCommentsQuerySchema,
  BulkInputSchema,
  BulkResultSchema,
  EraseResultSchema,
  ModerationSettingsSchema,
  StatsSchema,
} from '../schema/admin.js';
import { CommentIdParamsSchema } from '../schema/index.js';
import { SiteQuerySchema } from '../schema/sites.js';
import { errorResponses } from './responses.js';

/** Every admin route answers these: no or wrong token, too many wrong tokens, admin API switched off. */
export const adminErrors = {
  401: errorResponses[401],
  403: errorResponses[403],
  429: errorResponses[429],
  503: errorResponses[503],
} as const;
export const adminSecurity = [{ adminToken: [] }];
const json = <T>(schema: T) => ({ 'application/json': { schema } });

const listComments = createRoute({
  method: 'get',
  path: '/api/admin/comments',
  summary: 'Comments, newest first, filtered by status, thread and text (body, name or email)',
  tags: ['admin'],
  security: adminSecurity,
  request: { query: AdminCommentsQuerySchema },
  responses: {
    200: {
      description: 'A page of comments with counts per status',
      content: json(AdminCommentsPageSchema),
    },
    400: errorResponses[400],
    ...adminErrors,
  },
});

const patchComment = createRoute({
  method: 'patch',
  path: '/api/admin/comments/{id}',
  summary: 'Approve, hold, mark as spam or delete a comment, or edit its body',
  description:
    'Approving a held comment shows it to live readers at once; a comment leaving `approved` disappears for them. ' +
    '`deleted` on a comment with replies keeps the words for the admin (it can be approved again) behind a public placeholder; ' +
    'a comment without replies is erased instead, as a reader deleting their own is. Erase with DELETE.',
  tags: ['admin'],
  security: adminSecurity,
  request: {
    params: CommentIdParamsSchema,
    body: { required: true, content: json(AdminCommentPatchSchema) },
  },
  responses: {
    200: {
      description: 'The comment after the change',
      content: json(z.object({ comment: AdminCommentSchema })),
    },
    400: errorResponses[400],
    404: errorResponses[404],
    415: errorResponses[415],
    ...adminErrors,
  },
});

const eraseComment = createRoute({
  method: 'delete',
  path: '/api/admin/comments/{id}',
  summary: 'Erase a comment for good',
  description:
    'A comment with replies becomes an empty placeholder (no words, no author) so its replies keep their place; ' +
    'without replies it is removed, and so is an empty placeholder above it left without replies.',
  tags: ['admin'],
  security: adminSecurity,
  request: { params: CommentIdParamsSchema },
  responses: {
    200: { description: 'What happened to it', content: json(EraseResultSchema) },
    400: errorResponses[400],
    404: errorResponses[404],
    ...adminErrors,
  },
});

const bulk = createRoute({
  method: 'post',
  path: '/api/admin/comments/bulk',
  summary: 'One action on many comments: approve, pending, spam, delete or erase',
  tags: ['admin'],
  security: adminSecurity,
  request: { body: { required: true, content: json(BulkInputSchema) } },
  responses: {
    200: {
      description: 'Which ids were acted on and which named no comment',
      content: json(BulkResultSchema),
    },
    400: errorResponses[400],
    415: errorResponses[415],
    ...adminErrors,
  },
});

const stats = createRoute({
  method: 'get',
  path: '/api/admin/stats',
  summary: 'Comments per status and the number of threads',
  tags: ['admin'],
  security: adminSecurity,
  request: { query: SiteQuerySchema },
  responses: {
    200: { description: 'Counts', content: json(StatsSchema) },
    400: errorResponses[400],
    ...adminErrors,
  },
});

const getSettings = createRoute({
  method: 'get',
  path: '/api/admin/settings',
  summary: 'The moderation and block word lists (each site has its own)',
  tags: ['admin'],
  security: adminSecurity,
  request: { query: SiteQuerySchema },
  responses: {
    400: errorResponses[400],
    200: { description: 'The word lists', content: json(ModerationSettingsSchema) },
    ...adminErrors,
  },
});

const putSettings = createRoute({
  method: 'put',
  path: '/api/admin/settings',
  summary: 'Replace the moderation and block word lists',
  description:
    'Entries are whole words or phrases matched case-insensitively in any script against the body, name, email and website ' +
    'of new comments: a moderation word holds the comment as pending, a block word sends it to spam. ' +
    'Blank entries and repeats are dropped.',
  tags: ['admin'],
  security: adminSecurity,
  request: {
    query: SiteQuerySchema,
    body: { required: true, content: json(ModerationSettingsSchema) },
  },
  responses: {
    200: { description: 'The word lists as stored', content: json(ModerationSettingsSchema) },
    400: errorResponses[400],
    415: errorResponses[415],
    ...adminErrors,
  },
});

/**
 * The site an admin request keeps to: a site's token its own (asking for another is 403), the server admin
 * the one it names, else every site (undefined).
 */
export function siteScope(c: Context<AppEnv>, requested?: string): string | undefined {
  const own = c.get('adminSite') ?? null;
  if (own === null) return requested;
  if (requested !== undefined && requested !== own)
    throw new DomainError('forbidden', `This token manages the site "${own}" only.`);
  return own;
}

export function adminRoutes(admin: AdminService) {
  return createRouter()
    .openapi(listComments, async (c) => {
      const q = c.req.valid('query');
      return c.json(await admin.list(q, siteScope(c, q.site)), 200);
    })
    .openapi(patchComment, async (c) =>
      c.json(
        {
          comment: await admin.update(c.req.valid('param').id, c.req.valid('json'), siteScope(c)),
        },
        200,
      ),
    )
    .openapi(eraseComment, async (c) =>
      c.json(await admin.erase(c.req.valid('param').id, siteScope(c)), 200),
    )
    .openapi(bulk, async (c) => c.json(await admin.bulk(c.req.valid('json'), siteScope(c)), 200))
    .openapi(stats, async (c) =>
      c.json(await admin.stats(siteScope(c, c.req.valid('query').site)), 200),
    )
    .openapi(getSettings, async (c) =>
      c.json(await admin.settings(siteScope(c, c.req.valid('query').site)), 200),
    )
    .openapi(putSettings, async (c) =>
      c.json(
        await admin.saveSettings(c.req.valid('json'), siteScope(c, c.req.valid('query').site)),
        200,
      ),
    );
}
