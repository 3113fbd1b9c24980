import { createApp } from '../app.js';
import { parseConfig } from '../config.js';
import { openRuntime } from '../runtime.js';
import type { Command } from './main.js';
import { UsageError } from './usage-error.js';

/**
 * The server-rendered thread for static sites, at build time: exactly what GET /api/threads/html answers,
 * read from DATABASE_URL's database without a running server.
 */
export const renderCommand: Command = {
  summary:
    'print the server-rendered thread of a page (GET /api/threads/html) for a static site to include',
  usage:
    'confab render https://example.com/article [--lang de] [--sort newest] [--theme dark] > comments.html',
  options: { lang: { type: 'string' }, sort: { type: 'string' }, theme: { type: 'string' } },
  positionals: true,
  async run(values, io, positionals) {
    const [url, ...more] = positionals;
    if (!url || more.length) throw new UsageError('give one page address');
    const parsed = parseConfig(process.env);
    if (!parsed.ok)
      throw new Error(
        `the configuration has errors:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`,
      );
    const config = { ...parsed.config, log: false };
    const runtime = await openRuntime(config);
    try {
      const query = new URLSearchParams({ url });
      for (const name of ['lang', 'sort', 'theme'] as const) {
        const value = values[name];
        if (typeof value === 'string') query.set(name, value);
      }
      const res = await createApp({ ...runtime, config }).request(`/api/threads/html?${query}`);
      if (res.status !== 200) {
        const body = (await res.json()) as { error: { message: string } };
        io.err(`confab render: ${body.error.message}`);
        return 1;
      }
      io.out(await res.text());
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
