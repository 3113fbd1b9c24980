import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { errorResponse } from '../middleware/error-handler.js';

/** The demo article, so `npm start` shows the widget at work on a real-looking page. */
export function demoRoutes(demoDir: string) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const html = await readFile(join(demoDir, 'index.html'), 'utf8').catch(() => null);
    if (html === null) return errorResponse(c, 'not_found', 'The demo page is missing.');
    return c.html(html);
  });
}
