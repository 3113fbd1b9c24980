import { readFile } from 'node:fs/promises';
import { DomainError } from '../domain/errors.js';
import { ConfabExportSchema, ImportFormatSchema } from '../schema/export.js';
import { withPorter } from './export.js';
import type { Command } from './main.js';

const USAGE = 'confab import backup.json   |   confab import --format wxr wordpress.xml';

export const importCommand: Command = {
  summary:
    "import a Confab export (or a WordPress WXR file with --format wxr) into DATABASE_URL's database, all or nothing",
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
    const text = await readFile(file, 'utf8');
    try {
      const result = await withPorter(process.env, async (porter) => {
        if (format.data === 'wxr') return porter.importWxr(text);
        const parsed = ConfabExportSchema.safeParse(JSON.parse(text));
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
