import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export interface BodyLimitOptions {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}

/**
 * hono/body-limit, with a fast path: a request that declares its Content-Length (Node's parser holds
 * it to that length) is judged by the header alone. hono/body-limit first asks for the body stream,
 * which makes the Node adapter build a whole web Request for every POST even when the length is known.
 * Chunked bodies still go through hono/body-limit, which counts what arrives.
 *
 * A declared body too large is answered at once and the connection kept: the Node adapter then reads
 * and drops the rest (up to 64 MiB, for half a second), so a client still sending can finish and read
 * the 413. Closing instead would reset the connection under a client still sending, losing the answer.
 * A chunked body's rest is of unknown size: that connection is closed.
 */
export function createBodyLimit(opts: BodyLimitOptions): MiddlewareHandler {
  const counting = bodyLimit({
    ...opts,
    onError: (c) => {
      c.header('Connection', 'close');
      return opts.onError(c);
    },
  });
  return async function limitBody(c, next) {
    const length = c.req.header('content-length');
    if (
      length !== undefined &&
      c.req.header('transfer-encoding') === undefined &&
      /^\d+$/.test(length)
    ) {
      if (Number(length) > opts.maxSize) return opts.onError(c);
      await next();
      return;
    }
    return counting(c, next);
  };
}
