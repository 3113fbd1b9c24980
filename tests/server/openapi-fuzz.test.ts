import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../support/test-app.js';

/**
 * Drives the live API from its own OpenAPI document: every operation gets requests generated from the
 * schemas of its parameters and body (and, one time in four, input that ignores them), and every answer
 * must be a documented status, never a 5xx, with a body that matches the documented schema.
 */

const TOKEN = 'fuzz-admin-token-0123456789';
const RUNS = 300;

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await createTestApp({ config: { adminToken: TOKEN } });
  doc = await (await t.call('GET', '/api/openapi.json')).json();
  // Comments 1 to 3 exist, so generated ids sometimes name one.
  for (let i = 0; i < 3; i++) await t.call('POST', '/api/comments', newComment());
});
afterAll(() => t.close());

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!);
}

/** Strings kept short: the limits themselves are the server's, the fuzz looks for crashes and lies. */
const CAP = 40;

function stringArb(s: Schema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? CAP, CAP));
  if (s.format === 'uri') return fc.webUrl({ withQueryParameters: true, withFragments: true });
  if (s.format === 'email') return fc.emailAddress();
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  const text = fc.string({ minLength, maxLength, unit: 'grapheme' });
  if (!s.pattern) return text;
  // Random text almost never matches a strict pattern (a 16-character key, say), and filtering it for
  // one would spin: the values come from the pattern itself.
  const re = new RegExp(s.pattern, 'u');
  return fc
    .stringMatching(re, { size: 'xsmall' })
    .filter((v) => v.length >= minLength && v.length <= Math.max(maxLength, minLength));
}

/** A value of `schema`, as far as generation can tell. */
function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(arbitraryOf));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => arbitraryOf({ ...s, type })));
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 50, 50) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'string':
      return stringArb(s);
    case 'array':
      return fc.array(arbitraryOf(s.items ?? {}), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)),
      });
    case 'object': {
      const props = s.properties ?? {};
      return fc.record(
        Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryOf(v)])),
        {
          requiredKeys: (s.required ?? []).filter((k) => k in props),
        },
      );
    }
    default:
      return fc.jsonValue();
  }
}

/** Either what the schema describes or, one time in four, anything at all. */
const valueOrJunk = (schema: Schema) =>
  fc.oneof({ weight: 3, arbitrary: arbitraryOf(schema) }, { weight: 1, arbitrary: fc.jsonValue() });

interface Generated {
  method: string;
  path: string;
  op: Operation;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Send a body larger than the server takes instead (built at sending, so a failure prints short). */
  oversize: boolean;
}

function requestArb(path: string, method: string, op: Operation): fc.Arbitrary<Generated> {
  const params = op.parameters ?? [];
  const schema = op.requestBody?.content['application/json']?.schema;
  const admin = op.security?.some((s) => 'adminToken' in s);
  const edit = op.security?.some((s) => 'editToken' in s);
  return fc
    .record({
      values: fc.tuple(...params.map((p) => fc.option(valueOrJunk(p.schema), { nil: undefined }))),
      body: schema ? valueOrJunk(schema) : fc.constant(undefined),
      token: fc.constantFrom(TOKEN, 'wrong-token-0123456789'),
      // What middleware answers before the route does: a body that is not JSON or is too large.
      type: fc.constantFrom(
        'application/json',
        'application/json',
        'application/json',
        'text/plain',
      ),
      oversize: fc.oneof(
        { weight: 9, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    })
    .map(({ values, body, token, type, oversize }) => {
      let url = path;
      const query = new URLSearchParams();
      params.forEach((p, i) => {
        const v = values[i];
        const text = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));
        if (p.in === 'path')
          url = url.replace(`{${p.name}}`, v === undefined ? '' : encodeURIComponent(text(v)));
        else if (p.in === 'query' && v !== undefined)
          for (const one of Array.isArray(v) && p.schema.type === 'array' ? v : [v])
            query.append(p.name, text(one));
      });
      const headers: Record<string, string> = {};
      if (admin || edit) headers.Authorization = `Bearer ${token}`;
      // Only writes carry a body.
      const big = oversize && method !== 'get';
      if (body !== undefined || big) headers['Content-Type'] = type;
      const qs = query.toString();
      return {
        method: method.toUpperCase(),
        path,
        op,
        url: qs ? `${url}?${qs}` : url,
        headers,
        oversize: big,
        body: body === undefined ? undefined : JSON.stringify(body),
      };
    });
}

describe('the live API, driven from its OpenAPI document', () => {
  it(`answers ${RUNS} generated requests with documented statuses and bodies, never a 5xx`, async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('email', (s: string) => /^[^\s@]+@[^\s@]+$/.test(s));
    ajv.addSchema({ $id: 'confab', components: doc.components });
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    const validatorOf = (schema: Schema) => {
      const key = JSON.stringify(schema).replaceAll('"#/components/', '"confab#/components/');
      let v = validators.get(key);
      if (!v) validators.set(key, (v = ajv.compile(JSON.parse(key))));
      return v;
    };

    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        // A live-event stream never ends: its route has tests of its own.
        .filter(() => path !== '/api/events')
        .map(([method, op]) => requestArb(path, method, op)),
    );
    const seen = new Map<string, Set<number>>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...operations), async (req) => {
        const res = await t.app.request(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.oversize ? JSON.stringify({ body: 'x'.repeat(70_000) }) : req.body,
        });
        const name = `${req.method} ${req.path} → ${res.status}`;
        const statuses = seen.get(`${req.method} ${req.path}`) ?? new Set();
        seen.set(`${req.method} ${req.path}`, statuses.add(res.status));
        expect(res.status, name).toBeLessThan(500);
        const documented = req.op.responses[String(res.status)];
        expect(documented, `${name} is not documented`).toBeDefined();
        const schema = documented!.content?.['application/json']?.schema;
        const text = await res.text();
        if (!schema || !res.headers.get('Content-Type')?.includes('application/json')) return;
        const validate = validatorOf(schema);
        const ok = validate(JSON.parse(text));
        expect(ok, `${name}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 300)}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
    // The generator reached past validation: some requests succeeded, some were refused.
    const all = [...seen.values()].flatMap((s) => [...s]);
    expect(all.some((s) => s < 300)).toBe(true);
    expect(all.some((s) => s === 400)).toBe(true);
  });
});
