import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { DomainError } from '../domain/errors.js';
import type { SiteAdmin } from '../domain/site-admin.js';
import { createRouter } from '../middleware/validate.js';
import {
  SiteCreateSchema,
  SiteIdParamsSchema,
  SitePatchSchema,
  SiteResultSchema,
  SitesListSchema,
} from '../schema/sites.js';
import { adminErrors, adminSecurity } from './admin.js';
import { errorResponses } from './responses.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['admin', 'sites'];

const listSites = createRoute({
  method: 'get',
  path: '/api/admin/sites',
  summary: 'The sites this server hosts, `default` (from the environment) first',
  description: "A site's own token sees its own site only.",
  tags,
  security: adminSecurity,
  responses: { 200: { description: 'The sites', content: json(SitesListSchema) }, ...adminErrors },
});

const addSite = createRoute({
  method: 'post',
  path: '/api/admin/sites',
  summary: 'Add a site (server admin only)',
  description:
    'Its hosts default to those of its origins. The answer carries the site’s own admin token, shown only this once: ' +
    'it reaches that site’s comments, settings, export, import and stats. A host another site has answers 400, as does a ' +
    '`webhookUrl` without its `webhookSecret`. The secret is never returned: `hasWebhookSecret` says there is one.',
  tags,
  security: adminSecurity,
  request: { body: { required: true, content: json(SiteCreateSchema) } },
  responses: {
    201: { description: 'The site and its admin token', content: json(SiteResultSchema) },
    400: errorResponses[400],
    409: errorResponses[409],
    415: errorResponses[415],
    ...adminErrors,
  },
});

const patchSite = createRoute({
  method: 'patch',
  path: '/api/admin/sites/{id}',
  summary: 'Change a site',
  description:
    'A site’s own token may change its name and settings but its webhook; origins, hosts, the webhook and a new token (`newToken: true`, ' +
    'answered with the token) take the server admin. `default` is configured by the environment: 403. ' +
    'Settings sent replace the site’s; a `webhookUrl` sent without `webhookSecret` keeps the secret stored (it is never returned).',
  tags,
  security: adminSecurity,
  request: {
    params: SiteIdParamsSchema,
    body: { required: true, content: json(SitePatchSchema) },
  },
  responses: {
    200: { description: 'The site after the change', content: json(SiteResultSchema) },
    400: errorResponses[400],
    404: errorResponses[404],
    415: errorResponses[415],
    ...adminErrors,
  },
});

const deleteSite = createRoute({
  method: 'delete',
  path: '/api/admin/sites/{id}',
  summary: 'Remove a site (server admin only)',
  description:
    'Its threads and comments stay in the database (the server admin’s export has them); its hosts answer `unknown_site` from then on.',
  tags,
  security: adminSecurity,
  request: { params: SiteIdParamsSchema },
  responses: {
    204: { description: 'Removed' },
    400: errorResponses[400],
    404: errorResponses[404],
    ...adminErrors,
  },
});

function requireServerAdmin(c: Context<AppEnv>) {
  if ((c.get('adminSite') ?? null) !== null)
    throw new DomainError(
      'forbidden',
      "Adding and removing sites takes the server admin's token (CONFAB_ADMIN_TOKEN).",
    );
}

export function adminSiteRoutes(sites: SiteAdmin) {
  return createRouter()
    .openapi(listSites, async (c) =>
      c.json({ sites: await sites.list(c.get('adminSite') ?? null) }, 200),
    )
    .openapi(addSite, async (c) => {
      requireServerAdmin(c);
      return c.json(await sites.create(c.req.valid('json')), 201);
    })
    .openapi(patchSite, async (c) =>
      c.json(
        await sites.update(
          c.req.valid('param').id,
          c.req.valid('json'),
          c.get('adminSite') ?? null,
        ),
        200,
      ),
    )
    .openapi(deleteSite, async (c) => {
      requireServerAdmin(c);
      await sites.remove(c.req.valid('param').id);
      return c.body(null, 204);
    });
}
