import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';

export type LogLine = Record<string, unknown>;
export type LogSink = (line: LogLine) => void;

export const stdoutSink: LogSink = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

/**
 * One JSON line per request. Only the route pattern is logged, never the query, headers or body,
 * so tokens, emails and comment text stay out of the logs.
 */
export function createRequestLog(
  sink: LogSink,
  now: () => number = performance.now.bind(performance),
): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const start = now();
    await next();
    sink({
      time: new Date().toISOString(),
      level: c.res.status >= 500 ? 'error' : 'info',
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((now() - start) * 10) / 10,
    });
  };
}

export function logErrorTo(sink: LogSink) {
  return (err: unknown, c: Context) =>
    sink({
      time: new Date().toISOString(),
      level: 'error',
      requestId: c.get('requestId'),
      route: c.req.routePath,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
}
