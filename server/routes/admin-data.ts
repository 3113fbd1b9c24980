import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AdminService } from '../domain/admin.js';
import type { DataPorter } from '../domain/data-export.js';
import { DomainError } from '../domain/errors.js';
import { errorResponse } from '../middleware/error-handler.js';
import { createRouter } from '../middleware/validate.js';
import {
  ADMIN_LIMITS,
  AuthorErasureQuerySchema,
  AuthorErasureResultSchema,
} from '../schema/admin.js';
import {
  type ConfabExport,
  ConfabExportSchema,
  ImportQuerySchema,
  ImportResultSchema,
} from '../schema/export.js';
import { LIMITS } from '../schema/limits.js';
import { SiteQuerySchema } from '../schema/sites.js';
import { adminErrors, adminSecurity, siteScope } from './admin.js';
import { errorResponses } from './responses.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const xml = {
  schema: z.string().openapi({
    description:
      'A WordPress export (WXR) file with format=wxr, a Disqus export with format=disqus',
  }),
};

const EmailParamSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(LIMITS.emailMax, `must be at most ${LIMITS.emailMax} characters`)
    .pipe(z.email('must be an email address'))
    .openapi({ param: { name: 'email', in: 'path' }, example: 'bonnie@example.com' }),
});

const exportAll = createRoute({
  method: 'get',
  path: '/api/admin/export',
  summary:
    'Everything, as a Confab export (format "confab", version 2): threads and their state, comments with emails, featured and staff marks and like counts, word lists, email bans',
  tags: ['admin', 'data'],
  security: adminSecurity,
  request: { query: SiteQuerySchema },
  responses: {
    200: { description: 'The export, as an attachment', content: json(ConfabExportSchema) },
    400: errorResponses[400],
    ...adminErrors,
  },
});

const importData = createRoute({
  method: 'post',
  path: '/api/admin/import',
  summary:
    'Import a Confab export (application/json), a WordPress WXR file or a Disqus export (application/xml, with format=wxr or format=disqus)',
  description:
    'All or nothing, in one transaction; an invalid file answers 400 with `fields` and writes nothing. ' +
    'Into a database that has comments already: existing threads and comments are kept; a comment with the same ' +
    'thread, author email, time and body as a stored one is skipped; ids are kept where free, else new ones are given ' +
    '(and replies follow). Imported word lists are added to the ones in force. Bodies are rendered again on import. ' +
    'WordPress and Disqus files are read as a stream; their HTML becomes Markdown. Comments Confab cannot take ' +
    '(no date, unknown parent, pingbacks, trash, …) are refused and each is listed with its reason and line; ' +
    "a refused comment's replies hang from its nearest kept ancestor.",
  tags: ['admin', 'data'],
  security: adminSecurity,
  middleware: [
    bodyLimit({
      maxSize: ADMIN_LIMITS.importBytes,
      onError: (c) =>
        errorResponse(
          c,
          'payload_too_large',
          `Import files may be at most ${ADMIN_LIMITS.importBytes} bytes.`,
        ),
    }),
  ] as const,
  request: {
    query: ImportQuerySchema,
    body: {
      required: false,
      content: { ...json(ConfabExportSchema), 'application/xml': xml, 'text/xml': xml },
    },
  },
  responses: {
    200: { description: 'What was imported and skipped', content: json(ImportResultSchema) },
    400: errorResponses[400],
    413: errorResponses[413],
    415: errorResponses[415],
    ...adminErrors,
  },
});

const exportAuthor = createRoute({
  method: 'get',
  path: '/api/admin/authors/{email}/export',
  summary: "One person's comments and the threads they are in (a data-subject access request)",
  tags: ['admin', 'data'],
  security: adminSecurity,
  request: { params: EmailParamSchema },
  responses: {
    200: {
      description: 'Their data in the export format (empty lists when there is none)',
      content: json(ConfabExportSchema),
    },
    400: errorResponses[400],
    ...adminErrors,
  },
});

const eraseAuthor = createRoute({
  method: 'delete',
  path: '/api/admin/authors/{email}',
  summary: "Erase a person's personal data",
  description:
    'Their name becomes "Anonymous", their email and website are removed on every comment. The words stay unless ' +
    '`bodies=erase`: then comments without replies are removed and those with replies become empty placeholders, ' +
    'so threads keep their shape.',
  tags: ['admin', 'data'],
  security: adminSecurity,
  request: { params: EmailParamSchema, query: AuthorErasureQuerySchema },
  responses: {
    200: {
      description: 'How many comments were changed',
      content: json(AuthorErasureResultSchema),
    },
    400: errorResponses[400],
    ...adminErrors,
  },
});

const isJson = (type: string) => /^application\/([a-z.+-]+\+)?json\b/i.test(type);
const isXml = (type: string) => /^(application|text)\/xml\b/i.test(type);

/** A request body as text, piece by piece, so a large export is never held whole. */
async function* textOf(body: ReadableStream<Uint8Array> | null): AsyncIterable<string> {
  if (!body) return;
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read())
    yield decoder.decode(r.value, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

const XML_FORMATS = { wxr: 'WordPress export', disqus: 'Disqus export' } as const;

export function adminDataRoutes(deps: { admin: AdminService; porter: DataPorter }) {
  const { admin, porter } = deps;
  return createRouter()
    .openapi(exportAll, async (c) => {
      const data = await porter.exportAll(siteScope(c, c.req.valid('query').site));
      c.header(
        'Content-Disposition',
        `attachment; filename="confab-export-${data.exportedAt.slice(0, 10)}.json"`,
      );
      return c.json(data, 200);
    })
    .openapi(importData, async (c) => {
      const { format, site: requested } = c.req.valid('query');
      const site = siteScope(c, requested);
      const type = c.req.header('Content-Type') ?? '';
      if (format !== 'confab') {
        if (!isXml(type))
          throw new DomainError(
            'unsupported_media_type',
            `Send the ${XML_FORMATS[format]} with Content-Type: application/xml.`,
          );
        const body = textOf(c.req.raw.body);
        return c.json(
          await (format === 'wxr' ? porter.importWxr(body, site) : porter.importDisqus(body, site)),
          200,
        );
      }
      if (!isJson(type))
        throw new DomainError(
          'unsupported_media_type',
          'Send the Confab export with Content-Type: application/json, or add format=wxr or format=disqus for a WordPress or Disqus file.',
        );
      // The JSON validator ran (the content type is JSON): this is a checked export, not the XML string.
      return c.json(await porter.importConfab(c.req.valid('json') as ConfabExport, site), 200);
    })
    .openapi(exportAuthor, async (c) =>
      c.json(await porter.exportAuthor(c.req.valid('param').email), 200),
    )
    .openapi(eraseAuthor, async (c) => {
      const { email } = c.req.valid('param');
      return c.json(await admin.eraseAuthor(email, c.req.valid('query').bodies === 'erase'), 200);
    });
}
