import type {
  CountsResponse,
  ErrorBody,
  Features,
  Sort,
  ThreadResponse,
} from '../../server/schema/index.js';

/**
 * The first render's call, and the request() every call goes through. Together with calls.ts (what only
 * the lazily loaded chunks ask for) this folder is the only part of the widget that knows URLs and fetch.
 */

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

export function getThread(
  server: string,
  { url, sort, cursor }: ThreadQuery,
  signal?: AbortSignal,
): Promise<ThreadResponse> {
  const query = new URLSearchParams({ url, sort });
  if (cursor) query.set('cursor', cursor);
  return request(server, `api/threads?${query}`, { signal });
}

/** What the server offers beyond comments: the form shows email options only when `mail` is on. */
export const getFeatures = (server: string) => request<Features>(server, 'api/features', {});

/** Approved-comment counts keyed by the URLs exactly as given. */
export const getCounts = (server: string, urls: string[]) =>
  request<CountsResponse>(
    server,
    `api/counts?${new URLSearchParams(urls.map((url) => ['url', url]))}`,
    {},
  );

// A trailing slash lets `server` carry a path prefix (https://example.com/confab).
export const address = (server: string, path: string) => new URL(path, server.replace(/\/*$/, '/'));

export async function request<T>(server: string, path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(address(server, path), init);
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiError('network', String(e));
  }
  // 202 Accepted (a verification email queued) and 204 No Content (a deletion) come without a body.
  if (res.status === 202 || res.status === 204) return null as T;
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && body) return body as T;
  const error = (body as Partial<ErrorBody> | null)?.error;
  // A proxy's error page, a wrong `server` or a cut-off body: Confab itself never answered.
  if (!error) throw new ApiError('network', `HTTP ${res.status}`);
  throw new ApiError(error.code, error.message, error.fields);
}
