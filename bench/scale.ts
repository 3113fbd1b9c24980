import { statSync } from 'node:fs';
import { configFrom } from '../server/config.js';
import { createCommentService } from '../server/domain/comments.js';
import { createSites } from '../server/domain/sites.js';
import { createMemoryBus } from '../server/events/bus.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import { median } from './proc.js';
import {
  BENCH_SECRET,
  bulkLoad,
  migrate,
  type SeedResult,
  scaleThreads,
  type ThreadSpec,
} from './seed.js';

export interface OpenTiming {
  label: string;
  /** Comments on the first page. */
  comments: number;
  medianMs: number;
  p99Ms: number;
  iterations: number;
}

export interface OpenCase {
  label: string;
  dbPath: string;
  url: string;
}

/**
 * The cost of opening a thread when nothing is cached: the comment service reads the first page from
 * the store and the JSON is serialised, as on a cache miss. In this process, on otherwise idle files.
 * The cases take turns, one open each per round, so cases that are compared share the same moments of the
 * machine (and of this process's JIT) instead of one of them running while something else is busy.
 */
export async function timeOpens(cases: OpenCase[], iterations = 200): Promise<OpenTiming[]> {
  const events = createMemoryBus();
  const stores = new Map<string, Awaited<ReturnType<typeof openSqliteStore>>>();
  try {
    const opener = new Map<string, (url: string) => Promise<string>>();
    for (const path of new Set(cases.map((c) => c.dbPath))) {
      const store = await openSqliteStore(path);
      stores.set(path, store);
      // No thread cache is given: every read goes to the store.
      const config = configFrom({ log: false, rateLimit: [], pow: false });
      const comments = createCommentService({
        store,
        events,
        config,
        secret: BENCH_SECRET,
        now: Date.now,
        sites: createSites({ store, config, now: Date.now }),
      });
      opener.set(path, async (url) =>
        JSON.stringify(await comments.readThread({ url, sort: 'oldest', limit: 50 })),
      );
    }
    const open = (c: OpenCase) => opener.get(c.dbPath)!(c.url);
    for (let i = 0; i < 20; i++) for (const c of cases) await open(c);
    const times = cases.map((): number[] => []);
    const sizes = cases.map(() => 0);
    for (let i = 0; i < iterations; i++) {
      for (const [k, c] of cases.entries()) {
        const start = performance.now();
        const json = await open(c);
        times[k]!.push(performance.now() - start);
        sizes[k] = (JSON.parse(json) as { comments: unknown[] }).comments.length;
      }
    }
    return cases.map((c, k) => {
      const sorted = times[k]!.sort((x, y) => x - y);
      return {
        label: c.label,
        comments: sizes[k]!,
        medianMs: median(sorted),
        p99Ms: sorted[Math.floor(sorted.length * 0.99)]!,
        iterations,
      };
    });
  } finally {
    await events.close();
    for (const store of stores.values()) await store.close();
  }
}

export interface ScaleDb extends SeedResult {
  path: string;
  fileBytes: number;
  bytesPerComment: number;
}

/** The probe thread sits in the middle of the big file, between two halves of the generated threads. */
function* withProbe(threads: number, comments: number, probe: ThreadSpec): Generator<ThreadSpec> {
  const rest = comments - probe.comments;
  const all = scaleThreads(threads - 1, rest);
  let i = 0;
  for (const t of all) {
    if (i++ === Math.floor((threads - 1) / 2)) yield probe;
    yield t;
  }
}

/** 1,000,000 comments over 100,000 threads (by default), loaded straight into a fresh SQLite file. */
export async function buildScaleDb(
  path: string,
  probe: ThreadSpec,
  threads = 100_000,
  comments = 1_000_000,
): Promise<ScaleDb> {
  const started = performance.now();
  await migrate(path);
  const seeded = bulkLoad(path, withProbe(threads, comments, probe), { seed: 1 });
  const fileBytes = ['', '-wal'].reduce((sum, ext) => {
    try {
      return sum + statSync(path + ext).size;
    } catch {
      return sum;
    }
  }, 0);
  return {
    ...seeded,
    ms: performance.now() - started,
    path,
    fileBytes,
    bytesPerComment: fileBytes / seeded.comments,
  };
}
