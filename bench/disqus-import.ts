import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from './proc.js';

/**
 * `confab import --format disqus` on a generated export (100,000 comments unless told): wall time and the
 * peak resident memory of the process (GNU time's maximum RSS), so a streamed import is seen to stay
 * bounded as the file grows.
 */

export interface DisqusImportResult {
  comments: number;
  threads: number;
  fileBytes: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds (user + system): on a busy machine, the steadier figure. */
  cpuSeconds: number;
  peakRssBytes: number;
  /** The command's own account, first line. */
  account: string;
}

const SENTENCES = [
  'I think <b>this</b> is right &amp; fair.',
  'See <a href="https://example.org/a_b">the source</a> for more.',
  'Zoë wrote: ¯\\_(ツ)_/¯ — __init__ stays as typed.',
  'Привет! 1. not a list.',
  '<i>Agreed</i>, mostly.',
];

/** A deterministic Disqus export: replies nest up to several levels and some come before their parents. */
export async function writeDisqusExport(path: string, comments: number, threads: number) {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  await write(
    '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n',
  );
  for (let t = 0; t < threads; t++) {
    await write(
      `<thread dsq:id="t${t}"><link>https://news.example/${t}/</link><title>Article ${t} &amp; more</title>` +
        `<createdAt>2020-01-01T00:00:00Z</createdAt></thread>\n`,
    );
  }
  const T0 = Date.UTC(2020, 0, 2);
  /** Posts held back, by the index after which they are written. */
  const held = new Map<number, string>();
  for (let i = 0; i < comments; i++) {
    const thread = i % threads;
    // A reply answers an earlier post of the same thread.
    const parent = i >= threads && rand() < 0.4 ? i - threads * (1 + Math.floor(rand() * 3)) : -1;
    const email = rand() < 0.05 ? '' : `<email>user${i % 5000}@example.com</email>`;
    const status = rand() < 0.02 ? 'deleted' : rand() < 0.01 ? 'spam' : 'ok';
    const body = Array.from(
      { length: 1 + Math.floor(rand() * 3) },
      () => `<p>${SENTENCES[Math.floor(rand() * SENTENCES.length)]}</p>`,
    ).join('');
    const post =
      `<post dsq:id="p${i}"><message><![CDATA[${body}]]></message>` +
      `<createdAt>${new Date(T0 + i * 60_000).toISOString().replace('.000', '')}</createdAt>` +
      `<isDeleted>${status === 'deleted'}</isDeleted><isSpam>${status === 'spam'}</isSpam>` +
      `<author>${email}<name>Reader ${i % 5000}</name><isAnonymous>${email === ''}</isAnonymous></author>` +
      `<thread dsq:id="t${thread}"/>${parent >= 0 ? `<parent dsq:id="p${parent}"/>` : ''}</post>\n`;
    // Every 97th post is written after the thread's next post, which may be its reply.
    if (i % 97 === 0) held.set(i + threads, post);
    else await write(post);
    const late = held.get(i);
    if (late !== undefined) {
      await write(late);
      held.delete(i);
    }
  }
  for (const post of held.values()) await write(post);
  await write('</disqus>\n');
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

export async function measureDisqusImport(
  dir: string,
  comments = 100_000,
  threads = 1_000,
): Promise<DisqusImportResult> {
  const file = join(dir, 'disqus-export.xml');
  await writeDisqusExport(file, comments, threads);
  const { stdout, stderr } = await promisify(execFile)(
    '/usr/bin/time',
    [
      '-f',
      'TIME %e %U %S %M',
      process.execPath,
      join(ROOT, 'bin', 'confab.js'),
      'import',
      '--format',
      'disqus',
      file,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${join(dir, 'disqus-import.db')}` },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
  if (!m) throw new Error(`confab import gave no timing:\n${stderr}`);
  return {
    comments,
    threads,
    fileBytes: statSync(file).size,
    seconds: Number(m[1]),
    cpuSeconds: Number(m[2]) + Number(m[3]),
    peakRssBytes: Number(m[4]) * 1024,
    account: stdout.split('\n')[0] ?? '',
  };
}

// Alone: `npm run build && node --import tsx bench/disqus-import.ts [comments]`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = mkdtempSync(join(tmpdir(), 'confab-bench-disqus-'));
  try {
    const r = await measureDisqusImport(dir, Number(process.argv[2] ?? 100_000));
    process.stdout.write(
      `${r.comments.toLocaleString('en-US')} comments, ${(r.fileBytes / 1e6).toFixed(1)} MB of XML: ` +
        `${r.seconds.toFixed(1)} s (${r.cpuSeconds.toFixed(1)} s of CPU), peak RSS ${(r.peakRssBytes / 1e6).toFixed(0)} MB\n${r.account}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
