import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './error-handler.js';

/**
 * 415 for a body in a content coding the server does not decode (gzip, br, …): read as it is, it would be
 * taken for plain JSON and refused with a misleading error, or worse, accepted.
 */
export const refuseContentEncoding: MiddlewareHandler = async function refuseContentEncoding(
  c,
  next,
) {
  const coding = c.req.header('content-encoding');
  const codings = (coding ?? '').split(',').map((x) => x.trim().toLowerCase());
  if (codings.some((x) => x !== '' && x !== 'identity'))
    return errorResponse(
      c,
      'unsupported_media_type',
      `The request body is sent with Content-Encoding "${coding}"; send it uncompressed.`,
    );
  await next();
};
