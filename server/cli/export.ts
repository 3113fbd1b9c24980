import { parseConfig } from '../config.js';
import { createDataPorter, type DataPorter } from '../domain/data-export.js';
import { resolveSecret } from '../domain/secret.js';
import { createSiteWordLists } from '../domain/word-lists.js';
import { openStore } from '../store/open-store.js';
import type { Command } from './main.js';

/**
 * Runs `work` with the data porter over the server's own database (DATABASE_URL and the rest of the
 * server's environment), closing the database afterwards.
 */
export async function withPorter<T>(
  env: Record<string, string | undefined>,
  work: (porter: DataPorter) => Promise<T>,
): Promise<T> {
  const parsed = parseConfig(env);
  if (!parsed.ok)
    throw new Error(
      `the configuration has errors:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  const store = await openStore(parsed.config);
  try {
    const secret = await resolveSecret(store, parsed.config.secret);
    return await work(
      createDataPorter({
        store,
        secret,
        wordLists: createSiteWordLists({ store, now: Date.now }),
        now: Date.now,
      }),
    );
  } finally {
    await store.close();
  }
}

export const exportCommand: Command = {
  summary:
    "write everything in DATABASE_URL's database as a Confab export (JSON) to standard output",
  usage: 'confab export > backup.json',
  options: {},
  async run(_values, io) {
    const data = await withPorter(process.env, (porter) => porter.exportAll());
    io.out(JSON.stringify(data, null, 2));
    return 0;
  },
};
