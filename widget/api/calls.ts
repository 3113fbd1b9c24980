import type {
  CountsResponse,
  LikeResult,
  PostCommentInput,
  PostCommentResult,
  PowChallenge,
  PreviewResponse,
  PublicComment,
} from '../../server/schema/index.js';
import { address, request } from './client.js';

/**
 * The calls made after the first render, imported only by the lazily loaded chunks so that embed.js
 * carries just the thread's (client.ts).
 */

export const postComment = (server: string, input: PostCommentInput) =>
  request<PostCommentResult>(server, 'api/comments', send('POST', input));

export const editComment = (server: string, id: number, token: string, body: string) =>
  request<{ comment: PublicComment }>(server, `api/comments/${id}`, send('PATCH', { body }, token));

export const deleteComment = (server: string, id: number, token: string) =>
  request<null>(server, `api/comments/${id}`, send('DELETE', null, token));

/** Likes (or, with `liked` false, unlikes) a comment as the browser that keeps `key`. */
export const likeComment = (server: string, id: number, key: string, liked: boolean) =>
  request<LikeResult>(server, `api/comments/${id}/like`, send(liked ? 'POST' : 'DELETE', { key }));

/** Approved-comment counts keyed by the URLs exactly as given. */
export const getCounts = (server: string, urls: string[]) =>
  request<CountsResponse>(
    server,
    `api/counts?${new URLSearchParams(urls.map((url) => ['url', url]))}`,
    {},
  );

export const previewComment = (server: string, body: string) =>
  request<PreviewResponse>(server, 'api/preview', send('POST', { body }));

/**
 * A proof-of-work challenge for posting to the thread `url`; fails with `not_found` when the server has
 * proof of work off.
 */
export const getChallenge = (server: string, url: string) =>
  request<PowChallenge>(server, `api/challenge?${new URLSearchParams({ url })}`, {});

/** The live stream of a thread; `lastEventId` resumes a stream that was closed on purpose. */
export const eventsUrl = (server: string, url: string, lastEventId: string) =>
  address(server, `api/events?${new URLSearchParams({ url, lastEventId })}`).href;

const send = (method: string, body: unknown, token = ''): RequestInit => ({
  method,
  headers: {
    'content-type': 'application/json',
    ...(token && { authorization: `Bearer ${token}` }),
  },
  body: JSON.stringify(body),
});
