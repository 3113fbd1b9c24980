import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DomainError } from '../domain/errors.js';
import { ConfabExportSchema, ImportFormatSchema } from '../schema/export.js';
import { withPorter } from './export.js';
import type { Command } from './main.js';

const USAGE =
  'confab import backup.json   |   confab import --format wxr wordpress.xml   |   confab import --format disqus disqus.xml';

export const importCommand: Command = {
  summary:
    "import a Confab export (or a WordPress WXR file with --format wxr, a Disqus export with --format disqus) into DATABASE_URL's database, all or nothing",
  usage: USAGE,
  options: { format: { type: 'string' } },
  positionals: true,
  async run(values, io, positionals) {
    const format = ImportFormatSchema.safeParse(values.format ?? 'confab');
    const [file, ...extra] = positionals;
    if (!format.success || file === undefined || extra.length > 0) {
      io.err(`Usage: ${USAGE}`);
      return 2;
    }
    try {
      const result = await withPorter(process.env, async (porter) => {
        // XML files are streamed: a Disqus export of gigabytes is never held whole, and what is read of
        // one piece waits in memory only until it is staged (domain/import-staging.ts).
        const xml = () => createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
        if (format.data === 'wxr') return porter.importWxr(xml());
        if (format.data === 'disqus') return porter.importDisqus(xml());
        const parsed = ConfabExportSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (!parsed.success) {
          const fields = Object.fromEntries(
            parsed.error.issues.slice(0, 20).map((i) => [i.path.join('.'), i.message]),
          );
          throw new DomainError(
            'invalid_request',
            'The file is not a valid Confab export.',
            fields,
          );
        }
        return porter.importConfab(parsed.data);
      });
      io.out(
        `Imported ${result.comments.imported} comments (${result.comments.skipped} already there) in ` +
          `${result.threads.created} new and ${result.threads.existing} existing threads.`,
      );
      if (result.comments.refused > 0) {
        io.out(`Refused ${result.comments.refused} comments of the file:`);
        for (const r of result.refused)
          io.out(`  - line ${r.line}, id ${r.id}: ${r.message} (${r.reason})`);
        if (result.refused.length < result.comments.refused)
          io.out(`  … and ${result.comments.refused - result.refused.length} more.`);
      }
      return 0;
    } catch (e) {
      if (!(e instanceof DomainError) && !(e instanceof SyntaxError)) throw e;
      const fields =
        e instanceof DomainError && e.fields
          ? Object.entries(e.fields)
              .map(([k, v]) => `\n  - ${k}: ${v}`)
              .join('')
          : '';
      io.err(`confab import: nothing was imported. ${e.message}${fields}`);
      return 1;
    }
  },
};
