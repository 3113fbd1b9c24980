import type { DisqusImportResult } from './disqus-import.js';
import { replaceSection, table } from './report.js';

/** BENCHMARKS.md's Disqus import section, and how `--only disqus-import` puts a new one into an existing file. */

const int = (n: number) => n.toLocaleString('en-US');
const MB = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

export function renderDisqusImport(runs: readonly DisqusImportResult[]): string {
  return `## Import: Disqus exports

\`confab import --format disqus\` on generated exports (\`bench/disqus-import.ts\`: a thread per 100 comments,
nested replies, some before their parents, deleted, spam and guest posts) into an empty SQLite file, each in a
process of its own. The file is read as a stream and held in the database's staging tables until every reply's
parent is known, so memory does not grow with the file: the last is twice the one before. The first imports an
empty export: the command's own floor (Node, the CLI's modules, SQLite). Above it is V8's heap, which lets garbage
pile up to several times what is live before a full collection; what is live does not grow with the file. Wall
time and the process's peak RSS come from GNU time; re-run this section alone with
\`npm run bench -- --only disqus-import\`.

${table(
  ['comments', 'threads', 'XML', 'wall time', 'CPU time (user + system)', 'peak RSS', 'account'],
  runs.map((d) => [
    int(d.comments),
    int(d.threads),
    MB(d.fileBytes),
    `${d.seconds.toFixed(1)} s`,
    `${d.cpuSeconds.toFixed(1)} s`,
    MB(d.peakRssBytes),
    d.account,
  ]),
)}`;
}

/** Replaces the import section, whatever its size made its heading ("## Import: …"). */
export const spliceDisqusImport = (md: string, section: string) =>
  replaceSection(md, '## Import:', section);
