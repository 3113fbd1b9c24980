import { createRoute } from '@hono/zod-openapi';
import type { Bans } from '../domain/bans.js';
import type { StaffReplies } from '../domain/staff-replies.js';
import type { ThreadAdmin } from '../domain/threads.js';
import { createRouter } from '../middleware/validate.js';
import {
  AdminThreadSchema,
  BanIdParamsSchema,
  BanInputSchema,
  BanListSchema,
  BanSchema,
  StaffReplyInputSchema,
  StaffReplyResultSchema,
  ThreadPatchSchema,
  ThreadUrlQuerySchema,
} from '../schema/admin-newsroom.js';
import { adminErrors, adminSecurity } from './admin.js';
import { errorResponses } from './responses.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

const patchThread = createRoute({
  method: 'patch',
  path: '/api/admin/threads',
  summary: 'Close or reopen a thread, or set its title',
  description:
    '`closed: true` closes the thread (posts get 403 `thread_closed`), `false` keeps it open whatever its age, ' +
    '`null` gives it back to CONFAB_CLOSE_AFTER_DAYS. A title set here stays (posts no longer change it) until ' +
    '`title: null` lets them again. A thread without comments is created.',
  tags: ['admin'],
  security: adminSecurity,
  request: {
    query: ThreadUrlQuerySchema,
    body: { required: true, content: json(ThreadPatchSchema) },
  },
  responses: {
    200: { description: 'The thread after the change', content: json(AdminThreadSchema) },
    400: errorResponses[400],
    415: errorResponses[415],
    ...adminErrors,
  },
});

const staffReply = createRoute({
  method: 'post',
  path: '/api/admin/comments',
  summary: 'Reply to a comment as the site (a staff reply)',
  description:
    'Signed with CONFAB_SITE_NAME and marked `staff` for readers; approved at once, even in a closed thread.',
  tags: ['admin'],
  security: adminSecurity,
  request: { body: { required: true, content: json(StaffReplyInputSchema) } },
  responses: {
    201: { description: 'The reply', content: json(StaffReplyResultSchema) },
    400: errorResponses[400],
    415: errorResponses[415],
    ...adminErrors,
  },
});

const addBan = createRoute({
  method: 'post',
  path: '/api/admin/bans',
  summary: 'Ban an email, or the network address a comment came from, for some days or for good',
  description:
    'A banned post is answered as a post held for moderation is (201, status `pending`), so the poster cannot tell, and goes to spam. ' +
    'An address can be banned for two days after the comment was posted: after that the server no longer knows it.',
  tags: ['admin'],
  security: adminSecurity,
  request: { body: { required: true, content: json(BanInputSchema) } },
  responses: {
    201: { description: 'The ban', content: json(BanSchema) },
    400: errorResponses[400],
    404: errorResponses[404],
    415: errorResponses[415],
    ...adminErrors,
  },
});

const listBans = createRoute({
  method: 'get',
  path: '/api/admin/bans',
  summary: 'The bans in force, newest first',
  tags: ['admin'],
  security: adminSecurity,
  responses: { 200: { description: 'The bans', content: json(BanListSchema) }, ...adminErrors },
});

const removeBan = createRoute({
  method: 'delete',
  path: '/api/admin/bans/{id}',
  summary: 'Lift a ban',
  tags: ['admin'],
  security: adminSecurity,
  request: { params: BanIdParamsSchema },
  responses: {
    204: { description: 'Lifted' },
    400: errorResponses[400],
    404: errorResponses[404],
    ...adminErrors,
  },
});

export interface NewsroomRouteDeps {
  threads: ThreadAdmin;
  staff: StaffReplies;
  bans: Bans;
}

/** The newsroom's admin tools: thread lifecycle and titles, staff replies, bans. */
export function adminNewsroomRoutes({ threads, staff, bans }: NewsroomRouteDeps) {
  return createRouter()
    .openapi(patchThread, async (c) =>
      c.json(await threads.update(c.req.valid('query').url, c.req.valid('json')), 200),
    )
    .openapi(staffReply, async (c) =>
      c.json({ comment: await staff.reply(c.req.valid('json')) }, 201),
    )
    .openapi(addBan, async (c) => c.json(await bans.create(c.req.valid('json')), 201))
    .openapi(listBans, async (c) => c.json({ bans: await bans.list() }, 200))
    .openapi(removeBan, async (c) => {
      await bans.remove(c.req.valid('param').id);
      return c.body(null, 204);
    });
}
