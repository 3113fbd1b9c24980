import { ErrorBodySchema } from '../schema/errors.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBodySchema } },
});

/** Error responses shared by route definitions, so the OpenAPI document lists them once. */
export const errorResponses = {
  400: error('Invalid input; `fields` names each offending field'),
  401: error('Missing or wrong credentials'),
  403: error('Not allowed'),
  404: error('No such resource'),
  409: error('Conflicts with what is stored'),
  410: error('Already used'),
  413: error('Request body too large'),
  415: error('Body is not JSON'),
  429: error('Too many requests; see Retry-After'),
  503: error('Temporarily unavailable'),
} as const;
