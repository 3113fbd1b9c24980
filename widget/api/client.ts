import type {
  CountsResponse,
  ErrorBody,
  PostCommentInput,
  PostCommentResult,
  PowChallenge,
  PreviewResponse,
  PublicComment,
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
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

export function getThread(server: string, { url, sort, cursor }: ThreadQuery, signal?: AbortSignal): Promise<ThreadResponse> {
  const query = new URLSearchParams({ url, sort });
  if (cursor) query.set('cursor', cursor);
  return request(server, `api/threads?${query}`, { signal });
}

// Written small: embed.js carries every call, though most are made only by the chunks loaded later.
export const postComment = (server: string, input: PostCommentInput) =>
  request<PostCommentResult>(server, 'api/comments', send('POST', input));

export const editComment = (server: string, id: number, token: string, body: string) =>
  request<{ comment: PublicComment }>(server, `api/comments/${id}`, send('PATCH', { body }, token));

export const deleteComment = (server: string, id: number, token: string) =>
  request<null>(server, `api/comments/${id}`, send('DELETE', null, token));

/** Approved-comment counts keyed by the URLs exactly as given. */
export const getCounts = (server: string, urls: string[]) =>
  request<CountsResponse>(server, `api/counts?${new URLSearchParams(urls.map((url) => ['url', url]))}`, {});

export const previewComment = (server: string, body: string) =>
  request<PreviewResponse>(server, 'api/preview', send('POST', { body }));

/** A proof-of-work challenge; fails with `not_found` when the server has proof of work off. */
export const getChallenge = (server: string) => request<PowChallenge>(server, 'api/challenge', {});

/** The live stream of a thread; `lastEventId` resumes a stream that was closed on purpose. */
export const eventsUrl = (server: string, url: string, lastEventId: string) =>
  address(server, `api/events?${new URLSearchParams({ url, lastEventId })}`).href;

const send = (method: string, body: unknown, token = ''): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
  body: JSON.stringify(body),
});

// A trailing slash lets `server` carry a path prefix (https://example.com/confab).
const address = (server: string, path: string) => new URL(path, server.replace(/\/*$/, '/'));

async function request<T>(server: string, path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(address(server, path), init);
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiError('network', String(e));
  }
  // 204 No Content (a deletion) is the one success without a body.
  if (res.status === 204) return null as T;
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && body) return body as T;
  const error = (body as Partial<ErrorBody> | null)?.error;
  // A proxy's error page, a wrong `server` or a cut-off body: Confab itself never answered.
  if (!error) throw new ApiError('network', `HTTP ${res.status}`);
  throw new ApiError(error.code, error.message, error.fields);
}
