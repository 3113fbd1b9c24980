import type {
  LikeResult,
  PostCommentInput,
  PostCommentResult,
  PowChallenge,
  PreviewResponse,
  PublicComment,
  VerifyInput,
} from '../../server/schema/index.js';
import { address, request } from './client.js';

/**
 * The calls only a thread makes, imported by the reader chunk alone, so that embed.js carries just what
 * listing pages' counts need (client.ts).
 */

export const postComment = (server: string, input: PostCommentInput) =>
  request<PostCommentResult>(server, 'api/comments', send('POST', input));

export const editComment = (server: string, id: number, token: string, body: string) =>
  request<{ comment: PublicComment }>(server, `api/comments/${id}`, send('PATCH', { body }, token));

export const deleteComment = (server: string, id: number, token: string) =>
  request<null>(server, `api/comments/${id}`, send('DELETE', null, token));

/** Asks the server to email a link that verifies the address (202, no body). */
export const requestVerification = (server: string, input: VerifyInput) =>
  request<null>(server, 'api/verify', send('POST', input));

/** Likes (or, with `liked` false, unlikes) a comment as the browser that keeps `key`. */
export const likeComment = (server: string, id: number, key: string, liked: boolean) =>
  request<LikeResult>(server, `api/comments/${id}/like`, send(liked ? 'POST' : 'DELETE', { key }));

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
