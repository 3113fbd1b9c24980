import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { errorResponse } from '../middleware/error-handler.js';

/**
 * The page's own files only: no inline script or style, no other origin, never framed, so an injected
 * string has nowhere to run.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/** The page's files in demo/: served here only, under its policy, never by the demo route. */
export const ADMIN_PAGE_FILES: Readonly<Record<string, string>> = {
  'admin.html': 'text/html; charset=utf-8',
  'admin.js': 'text/javascript; charset=utf-8',
  'admin.css': 'text/css; charset=utf-8',
};

/**
 * The moderation page (demo/admin.html with its module demo/admin.js): a plain ES module over the admin
 * API, so it needs no build. The page itself is public; everything it shows comes through the token.
 */
export function adminPageRoutes(demoDir: string) {
  const send = async (c: Context<AppEnv>, file: string) => {
    const content = await readFile(join(demoDir, file)).catch(() => null);
    if (!content) return errorResponse(c, 'not_found', 'The moderation page is missing.');
    c.header('Content-Type', ADMIN_PAGE_FILES[file]!);
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(content));
  };
  return new Hono<AppEnv>()
    .get('/admin', (c) => send(c, 'admin.html'))
    .get('/admin/admin.js', (c) => send(c, 'admin.js'))
    .get('/admin/admin.css', (c) => send(c, 'admin.css'));
}
