import { statSync } from 'node:fs';
import { configFrom } from '../server/config.js';
import { createCommentService } from '../server/domain/comments.js';
import { createMemoryBus } from '../server/events/bus.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import { median } from './proc.js';
import { BENCH_SECRET, bulkLoad, migrate, scaleThreads, type SeedResult, type ThreadSpec } from './seed.js';

export interface OpenTiming {
  label: string;
  /** Comments on the first page. */
  comments: number;
  medianMs: number;
  p99Ms: number;
  iterations: number;
}

/**
 * The cost of opening a thread when nothing is cached: the comment service reads the first page from
 * the store and the JSON is serialised, as on a cache miss. In this process, on an otherwise idle file.
 */
export async function timeOpens(dbPath: string, threads: { label: string; url: string }[], iterations = 200): Promise<OpenTiming[]> {
  const store = await openSqliteStore(dbPath);
  const events = createMemoryBus();
  try {
    // No thread cache is given: every read goes to the store.
    const comments = createCommentService({
      store,
      events,
      config: configFrom({ log: false, rateLimit: [], pow: false }),
      secret: BENCH_SECRET,
      now: Date.now,
    });
    const open = async (url: string) => JSON.stringify(await comments.readThread({ url, sort: 'oldest', limit: 50 }));
    const out: OpenTiming[] = [];
    for (const t of threads) {
      for (let i = 0; i < 20; i++) await open(t.url);
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < iterations; i++) {
        const start = performance.now();
        const json = await open(t.url);
        times.push(performance.now() - start);
        size = (JSON.parse(json) as { comments: unknown[] }).comments.length;
      }
      times.sort((a, b) => a - b);
      out.push({
        label: t.label,
        comments: size,
        medianMs: median(times),
        p99Ms: times[Math.floor(times.length * 0.99)]!,
        iterations,
      });
    }
    return out;
  } finally {
    await events.close();
    await store.close();
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
export async function buildScaleDb(path: string, probe: ThreadSpec, threads = 100_000, comments = 1_000_000): Promise<ScaleDb> {
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
  return { ...seeded, ms: performance.now() - started, path, fileBytes, bytesPerComment: fileBytes / seeded.comments };
}
