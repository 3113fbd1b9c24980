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

/** nginx's server-side include, as a publisher's server would run it; `$origin` stands for `$scheme://$host`. */
const INCLUDE = /<!--# include virtual="([^"]+)" -->/g;

/**
 * The demo article and its stylesheet, so `npm start` shows the widget at work on a real-looking page.
 * `include` answers a path of this server, for the server-rendered demo's include.
 */
export function demoRoutes(demoDir: string, include: (path: string) => Promise<Response>) {
  const send = async (c: Context<AppEnv>, file: string) => {
    // The admin page lives at /admin alone, where its own policy is sent with it.
    const ext = file in ADMIN_PAGE_FILES ? undefined : /\.(html|css)$/.exec(file)?.[1];
    const content = ext && (await readFile(join(demoDir, file)).catch(() => null));
    if (!ext || !content) return errorResponse(c, 'not_found', 'No such demo file.');
    c.header('Content-Type', TYPES[ext]!);
    if (ext !== 'html' || !content.includes('<!--# include'))
      return c.body(new Uint8Array(content));
    const origin = new URL(c.req.url).origin;
    const parts = content.toString('utf8').split(INCLUDE);
    // split() with a group alternates text and included paths.
    const answers = await Promise.all(
      parts.map((part, i) =>
        i % 2
          ? include(part.replaceAll('$origin', encodeURIComponent(origin))).then((r) => r.text())
          : part,
      ),
    );
    return c.body(answers.join(''));
  };
  return new Hono<AppEnv>()
    .get('/', (c) => send(c, 'index.html'))
    .get('/demo/:file{[a-z0-9-]+\\.(?:html|css)}', (c) => send(c, c.req.param('file')));
}
