import { address, type Json, request } from './client.js';

/**
 * The calls only a thread makes, imported by the reader chunk alone, so that embed.js carries just what
 * listing pages' counts need (client.ts).
 */

export const postComment = (server: string, json: Json<'/api/comments', '$post'>) =>
  request(server, '$post', '/api/comments', { json });

export const editComment = (server: string, id: number, token: string, body: string) =>
  request(server, '$patch', '/api/comments/:id', { param: { id: `${id}` }, json: { body }, token });

export const deleteComment = (server: string, id: number, token: string) =>
  request(server, '$delete', '/api/comments/:id', { param: { id: `${id}` }, token });

/** Asks the server to email a link that verifies the address (202, no body). */
export const requestVerification = (server: string, json: Json<'/api/verify', '$post'>) =>
  request(server, '$post', '/api/verify', { json });

/** Likes (or, with `liked` false, unlikes) a comment as the browser that keeps `key`. */
export const likeComment = (server: string, id: number, key: string, liked: boolean) =>
  request(server, liked ? '$post' : '$delete', '/api/comments/:id/like', {
    param: { id: `${id}` },
    json: { key },
  });

export const previewComment = (server: string, body: string) =>
  request(server, '$post', '/api/preview', { json: { body } });

/**
 * A proof-of-work challenge for posting to the thread `url`; fails with `not_found` when the server has
 * proof of work off.
 */
export const getChallenge = (server: string, url: string) =>
  request(server, '$get', '/api/challenge', { query: { url } });

/** The live stream of a thread; `lastEventId` resumes a stream that was closed on purpose. */
export const eventsUrl = (server: string, url: string, lastEventId: string) =>
  address(server, '/api/events', { query: { url, lastEventId } }).href;
