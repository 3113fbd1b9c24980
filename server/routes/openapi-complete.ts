import { errorResponses } from './responses.js';

type Responses = Record<string, unknown>;
interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses: Responses;
}
interface Document {
  servers?: { url: string; description?: string }[];
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Operation>>;
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/** `patch /api/admin/comments/{id}` → `patchAdminCommentsById`. */
function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split(/[/.]/)
    .filter(Boolean)
    .map((w) => (w.startsWith('{') ? `by-${w.slice(1, -1)}` : w))
    .flatMap((w) => w.split('-'));
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * What middleware, not the route itself, can answer, added to every operation it applies to, so the
 * document names every status a client may meet: bad parameters (400), an unknown or empty path
 * parameter (404), a refused origin (403), a body too large (413) or not JSON (415) and a client going
 * too fast (429) on every write, the database out of reach (503). Each operation gets an operationId,
 * and the public ones say that they need no credentials.
 */
export function completeDocument<D>(doc: D, opts: { serverUrl: string }): D {
  const d = doc as unknown as Document;
  d.servers = [{ url: opts.serverUrl, description: 'This Confab server' }];
  d.info.license = { name: 'MIT', identifier: 'MIT' };
  for (const [path, ops] of Object.entries(d.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      op.operationId ??= operationIdOf(method, path);
      op.security ??= [];
      const add = (status: keyof typeof errorResponses) => {
        op.responses[status] ??= {
          description: errorResponses[status].description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      };
      if (op.parameters?.length || op.requestBody) add(400);
      if (op.parameters?.some((p) => p.in === 'path')) add(404);
      if (path.startsWith('/api/')) {
        add(403);
        add(503);
      }
      if (WRITES.has(method)) {
        add(413);
        add(415);
        add(429);
      }
    }
  }
  return doc;
}
