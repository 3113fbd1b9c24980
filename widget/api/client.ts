import type {
  ErrorBody,
  PostCommentInput,
  PostCommentResult,
  Sort,
  ThreadResponse,
} from '../../server/schema/index.js';

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
}

export function getThread(server: string, query: ThreadQuery, signal?: AbortSignal): Promise<ThreadResponse> {
  return request(server, `api/threads?${new URLSearchParams({ ...query })}`, { signal });
}

export function postComment(server: string, input: PostCommentInput): Promise<PostCommentResult> {
  return request(server, 'api/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

async function request<T>(server: string, path: string, init: RequestInit): Promise<T> {
  // A trailing slash lets `server` carry a path prefix (https://example.com/confab).
  const url = new URL(path, server.replace(/\/*$/, '/'));
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiError('network', String(e));
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && body) return body as T;
  const error = (body as Partial<ErrorBody> | null)?.error;
  // A proxy's error page, a wrong `server` or a cut-off body: Confab itself never answered.
  if (!error) throw new ApiError('network', `HTTP ${res.status}`);
  throw new ApiError(error.code, error.message, error.fields);
}
