import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, RateLimitedError } from '../domain/errors.js';
import type { ErrorBody, ErrorCode } from '../schema/errors.js';
import { StoreUnavailableError } from '../store/store.js';

export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  invalid_json: 400,
  url_too_long: 400,
  unknown_site: 400,
  unauthorized: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  edit_window_closed: 403,
  thread_closed: 403,
  not_found: 404,
  method_not_allowed: 405,
  duplicate_comment: 409,
  conflict: 409,
  link_used: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  admin_disabled: 503,
  service_unavailable: 503,
};

export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
) {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return c.json(body, STATUS_OF[code]);
}

function codeForHttpStatus(status: number, message: string): [ErrorCode, string] {
  switch (status) {
    case 400:
      return /json/i.test(message)
        ? ['invalid_json', 'The request body is not valid JSON.']
        : ['invalid_request', message || 'The request is not valid.'];
    case 401:
      return ['unauthorized', message || 'Authentication is required.'];
    case 413:
      return ['payload_too_large', 'The request body is too large.'];
    case 415:
      return [
        'unsupported_media_type',
        'Send the request body as JSON (Content-Type: application/json).',
      ];
    case 404:
      return ['not_found', 'Nothing is here.'];
    default:
      return status >= 500
        ? ['internal', 'Something went wrong on the server.']
        : ['invalid_request', message || 'The request is not valid.'];
  }
}

export type LogError = (err: unknown, c: Context) => void;

/** Every failure leaves as the one error shape; unknown errors become a bare 500 while details go to the log. */
export function createErrorHandler(logError: LogError): ErrorHandler {
  return function handleError(err, c) {
    if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds));
    if (err instanceof DomainError) return errorResponse(c, err.code, err.message, err.fields);
    if (err instanceof StoreUnavailableError) {
      // Operators need to see outages; readers only need to know it is temporary.
      logError(err, c);
      const res = errorResponse(
        c,
        'service_unavailable',
        'The database is not answering right now; please try again in a moment.',
      );
      res.headers.set('Retry-After', '1');
      return res;
    }
    if (err instanceof HTTPException) {
      const [code, message] = codeForHttpStatus(err.status, err.message);
      const res = errorResponse(c, code, message);
      err.res?.headers.forEach((v, k) => {
        if (k.toLowerCase() === 'www-authenticate') res.headers.set(k, v);
      });
      return res;
    }
    logError(err, c);
    return errorResponse(c, 'internal', 'Something went wrong on the server.');
  };
}

export const handleNotFound: NotFoundHandler = (c) =>
  errorResponse(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
