import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'admin-token-0123456789abcdef';

/**
 * Routes that serve files rather than the API, so the document leaves them out: the widget bundle
 * and its chunks, the demo article and its assets, the admin page.
 */
const UNDOCUMENTED = new Set([
  'GET /embed.js',
  'GET /chunks/{file}',
  'GET /',
  'GET /demo/{file}',
  'GET /admin',
  'GET /admin/admin.js',
  'GET /admin/admin.css',
]);

type Operation = {
  operationId?: string;
  parameters?: { in: string; name: string; schema: Schema }[];
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};
type Schema = Record<string, unknown>;
type Document = {
  openapi: string;
  info: { license?: { name: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, Schema> };
};

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await createTestApp({ config: { adminToken: TOKEN } });
  const res = await t.call('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(async () => {
  await t.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('declares the edit-token and admin-token bearer schemes and uses them', () => {
    expect(doc.components.securitySchemes).toEqual({
      editToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      adminToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(doc.paths['/api/comments/{id}']!.patch!.security).toEqual([{ editToken: [] }]);
    const admin = operations().filter((o) => o.path.startsWith('/api/admin/'));
    expect(admin.length).toBe(20);
    for (const { path, method, op } of admin) {
      expect(op.security, `${method} ${path}`).toEqual([{ adminToken: [] }]);
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(
        expect.arrayContaining(['401', '429', '503']),
      );
    }
  });

  it('names every operation uniquely and states its servers and licence', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.info.license).toEqual(expect.objectContaining({ name: 'MIT' }));
  });

  it('lists 413, 415 and 429 on every write, 404 wherever a path parameter is, 400 wherever input is', () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses);
      const name = `${method} ${path}`;
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
        expect(statuses, name).toEqual(expect.arrayContaining(['413', '415', '429']));
      if (path.includes('{')) expect(statuses, name).toContain('404');
      if (op.parameters?.length) expect(statuses, name).toContain('400');
    }
  });

  it('states the constraints the server enforces on what a client sends', () => {
    const input = doc.components.schemas.PostCommentInput as {
      properties: Record<string, Schema & { properties?: Record<string, Schema> }>;
    };
    const author = input.properties.author!.properties!;
    expect(input.properties.url).toMatchObject({ format: 'uri', minLength: 1, maxLength: 2048 });
    expect(input.properties.body).toMatchObject({ minLength: 1, maxLength: 10_000 });
    expect(input.properties.parentId).toMatchObject({ minimum: 1 });
    expect(author.email).toMatchObject({ format: 'email', maxLength: 254 });
    expect(author.website).toMatchObject({ maxLength: 2048, pattern: expect.any(String) });
    for (const field of [input.properties.body, input.properties.title, author.name])
      expect(new RegExp(field!.pattern as string, 'u').test('a\u0007b')).toBe(false);
    const id = doc.paths['/api/comments/{id}']!.patch!.parameters!.find((p) => p.name === 'id');
    expect(id!.schema).toMatchObject({ type: 'integer', minimum: 1 });
    const urls = doc.paths['/api/counts']!.get!.parameters!.find((p) => p.name === 'url');
    expect(urls!.schema).toMatchObject({ minItems: 1, maxItems: 100 });
    expect(doc.components.schemas.Comment).toMatchObject({
      properties: { id: { minimum: 1 } },
    });
  });

  it('documents what mail adds: the post’s notify, lang and verifyToken, verified comments, and the mail routes', () => {
    const { schemas } = doc.components;
    expect(schemas.PostCommentInput).toMatchObject({
      properties: {
        notify: { enum: ['replies', 'thread'] },
        lang: { maxLength: 35 },
        verifyToken: { maxLength: 100 },
      },
    });
    expect(schemas.Comment).toMatchObject({ properties: { verified: { enum: [true] } } });
    expect(schemas.Features).toMatchObject({ properties: { mail: { type: 'boolean' } } });
    expect(schemas.VerifyInput).toMatchObject({
      required: ['email'],
      properties: { email: { format: 'email' }, url: { format: 'uri' } },
    });
    expect(Object.keys((schemas.MailLinkResult as { properties: object }).properties)).toEqual([
      'action',
      'proof',
      'back',
      'commentId',
    ]);
    expect(doc.paths['/api/features']!.get!.responses['200']).toBeDefined();
    expect(Object.keys(doc.paths['/api/verify']!.post!.responses)).toEqual(
      expect.arrayContaining(['202', '400', '404', '429']),
    );
    expect(Object.keys(doc.paths['/mail/{token}']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '403', '404', '410']),
    );
  });

  it('describes every error response with the one error shape', () => {
    for (const { path, method, op } of operations()) {
      for (const [status, res] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(res.content?.['application/json']?.schema.$ref, `${method} ${path} ${status}`).toBe(
          '#/components/schemas/Error',
        );
      }
    }
  });

  it('documents only routes that answer', async () => {
    const params: Record<string, string> = { id: '1', email: 'someone%40example.com' };
    for (const { path, method } of operations()) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x');
      const res = await t.app.request(url, {
        method,
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      // A live-event stream stays open: its headers are the answer.
      const text = res.headers.get('Content-Type')?.includes('event-stream')
        ? (await res.body?.cancel(), '')
        : await res.text();
      expect(text, `${method} ${path}`).not.toContain('No route for');
    }
  });

  it('is checked by a validator that does refuse a broken document', async () => {
    const broken = structuredClone(doc) as unknown as {
      paths: Record<string, Record<string, { responses: unknown }>>;
    };
    broken.paths['/healthz']!.get!.responses = 'none';
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('documents every route the app serves, but the files', () => {
    const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
    const served = new Set(
      t.app.routes
        // Middleware is registered on wildcard paths (or for ALL methods); routes never are.
        .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
        // Hono writes `:id` and `:file{regex}` where OpenAPI writes `{id}`.
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^/]*\})?/g, '{$1}')}`),
    );
    const missing = [...served].filter((r) => !documented.has(r) && !UNDOCUMENTED.has(r));
    expect(missing).toEqual([]);
    const phantom = [...documented].filter((r) => !served.has(r));
    expect(phantom).toEqual([]);
  });
});
