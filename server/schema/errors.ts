import { z } from '@hono/zod-openapi';

/** The closed set of machine-readable error codes every non-2xx answer carries. */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'url_too_long',
  'unknown_site',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'origin_not_allowed',
  'not_found',
  'method_not_allowed',
  'edit_window_closed',
  'thread_closed',
  'duplicate_comment',
  'conflict',
  'link_used',
  'rate_limited',
  'admin_disabled',
  'service_unavailable',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string(),
      /** Per-field messages, keyed by the dotted path of the offending input. */
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
