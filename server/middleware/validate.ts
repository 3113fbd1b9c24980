import { type Hook, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { ErrorBody } from '../schema/errors.js';

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** Turns zod issues into the one 400 shape: a sentence for people and a message per field for forms. */
export function invalidRequestBody(issues: readonly Issue[], target?: string): ErrorBody {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (key && !(key in fields)) fields[key] = issue.message;
  }
  const first = Object.entries(fields)[0];
  const whole =
    target === 'json' ? 'The request body must be a JSON object.' : 'The request is not valid.';
  return {
    error: {
      code: 'invalid_request',
      message: first ? `Please check ${first[0]}: ${first[1]}.` : whole,
      ...(Object.keys(fields).length ? { fields } : {}),
    },
  };
}

export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c: Context) => {
  if (!result.success) {
    return c.json(invalidRequestBody(result.error.issues, result.target), 400);
  }
  return undefined;
};

/** Every resource router validates with the same hook, so every 400 looks alike. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
}
