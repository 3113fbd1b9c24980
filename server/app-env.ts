import type { RequestIdVariables } from 'hono/request-id';

/** Per-request values middleware puts on the context. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    /** The client's address as far as trusted proxies let us know it; null under app.request(). */
    clientIp: string | null;
    /**
     * The Origin of a browser's request from a page that is neither this server's own nor a local one:
     * it must be one of the origins of the site the request is about (domain/sites.ts). Null otherwise.
     */
    pageOrigin: string | null;
    /** On admin routes: the site whose own token was sent; null for the server admin (CONFAB_ADMIN_TOKEN). */
    adminSite: string | null;
  };
};
