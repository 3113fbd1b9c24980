import type { ExtractSchema } from 'hono/types';
import type { AppType } from '../../server/app.js';
import type { ErrorBody, Sort } from '../../server/schema/index.js';

/**
 * The first render's calls, and the request() every call goes through. Together with calls.ts (what only
 * the lazily loaded chunks ask for) this folder is the only part of the widget that knows URLs and fetch.
 * Paths, inputs and answers are the server's route definitions (AppType, types only): a route or schema
 * changed on the server fails to compile here, and no zod or Hono reaches the bundle.
 */

type Routes = ExtractSchema<AppType>;
type Path = keyof Routes & `/api/${string}`;
type Method<P extends Path> = keyof Routes[P] & `$${string}`;
type Endpoint<P extends Path, M extends Method<P>> = Routes[P][M];
/** The route's params, query and JSON body, as its zod schemas take them. */
type Input<P extends Path, M extends Method<P>> =
  Endpoint<P, M> extends { input: infer I } ? I : never;
/** The route's successful answer; 202 Accepted and 204 No Content come without a body. */
export type Answer<P extends Path, M extends Method<P>> =
  Endpoint<P, M> extends infer E
    ? E extends { status: 202 | 204 }
      ? null
      : E extends { status: 200 | 201; output: infer O }
        ? O
        : never
    : never;

/** The JSON body route `path` takes with `method`. */
export type Json<P extends Path, M extends Method<P>> =
  Input<P, M> extends { json: infer J } ? J : never;

type Call<P extends Path, M extends Method<P>> = Input<P, M> & {
  /** An edit token, sent as `Authorization: Bearer`. */
  token?: string;
  signal?: AbortSignal;
};

/** What every route's input is at run time, once its types have been checked. */
interface AnyCall {
  param?: Record<string, string>;
  query?: Record<string, unknown>;
  json?: unknown;
  token?: string;
  signal?: AbortSignal;
}

/** The server that served this bundle: `embed.js` is always fetched from the comments server itself. */
export const defaultServer = new URL(import.meta.url).origin;

export type ApiErrorCode = ErrorBody['error']['code'] | 'network';

/** Any failed call: the server's error body, or `network` when no answer arrived. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly fields: Record<string, string>;

  constructor(code: ApiErrorCode, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
}

export interface ThreadQuery {
  url: string;
  sort: Sort;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

export const getThread = (
  server: string,
  { url, sort, cursor }: ThreadQuery,
  signal?: AbortSignal,
) =>
  request(server, '$get', '/api/threads', {
    query: { url, sort, ...(cursor && { cursor }) },
    ...(signal && { signal }),
  });

/** What the server offers beyond comments: the form shows email options only when `mail` is on. */
export const getFeatures = (server: string) => request(server, '$get', '/api/features', {});

/** Approved-comment counts keyed by the URLs exactly as given. */
export const getCounts = (server: string, urls: string[]) =>
  request(server, '$get', '/api/counts', { query: { url: urls } });

/**
 * The address of route `path`, its params filled in and its query added (an array as repeated keys).
 * `server` may carry a path prefix (https://example.com/confab): the route is resolved below it.
 */
export function address<P extends Path, M extends Method<P>>(
  server: string,
  path: P,
  call: Call<P, M>,
): URL;
export function address(server: string, path: string, { param, query }: AnyCall) {
  const url = new URL(
    path.slice(1).replace(/:(\w+)/g, (_, name: string) => param![name]!),
    server.replace(/\/*$/, '/'),
  );
  for (const [name, value] of Object.entries(query ?? {}))
    for (const one of [value].flat())
      if (one !== undefined) url.searchParams.append(name, `${one}`);
  return url;
}

/** Calls route `path` with `method`; resolves its answer, or rejects with an ApiError. */
export function request<P extends Path, M extends Method<P>>(
  server: string,
  method: M,
  path: P,
  call: Call<P, M>,
): Promise<Answer<P, M>>;
export async function request(server: string, method: string, path: Path, call: AnyCall) {
  const init: RequestInit = { method: method.slice(1).toUpperCase(), signal: call.signal ?? null };
  if (method !== '$get') {
    init.headers = {
      'content-type': 'application/json',
      ...(call.token && { authorization: `Bearer ${call.token}` }),
    };
    init.body = JSON.stringify(call.json ?? null);
  }
  let res: Response;
  try {
    res = await fetch(address(server, path, call as never), init);
  } catch (e) {
    if (call.signal?.aborted) throw e;
    throw new ApiError('network', String(e));
  }
  // 202 Accepted (a verification email queued) and 204 No Content (a deletion) come without a body.
  if (res.status === 202 || res.status === 204) return null;
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && body) return body;
  const error = (body as Partial<ErrorBody> | null)?.error;
  // A proxy's error page, a wrong `server` or a cut-off body: Confab itself never answered.
  if (!error) throw new ApiError('network', `HTTP ${res.status}`);
  throw new ApiError(error.code, error.message, error.fields);
}
