import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { errorResponse } from '../middleware/error-handler.js';
import { ADMIN_PAGE_FILES } from './admin-page.js';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The demo article and its stylesheet, so `npm start` shows the widget at work on a real-looking page. */
export function demoRoutes(demoDir: string) {
  const send = async (c: Context<AppEnv>, file: string) => {
    // The admin page lives at /admin alone, where its own policy is sent with it.
    const ext = file in ADMIN_PAGE_FILES ? undefined : /\.(html|css)$/.exec(file)?.[1];
    const content = ext && (await readFile(join(demoDir, file)).catch(() => null));
    if (!ext || !content) return errorResponse(c, 'not_found', 'No such demo file.');
    c.header('Content-Type', TYPES[ext]!);
    return c.body(new Uint8Array(content));
  };
  return new Hono<AppEnv>()
    .get('/', (c) => send(c, 'index.html'))
    .get('/demo/:file{[a-z0-9-]+\\.(?:html|css)}', (c) => send(c, c.req.param('file')));
}
