import type { RequestIdVariables } from 'hono/request-id';

/** Per-request values middleware puts on the context. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    /** The client's address as far as trusted proxies let us know it; null under app.request(). */
    clientIp: string | null;
  };
};
