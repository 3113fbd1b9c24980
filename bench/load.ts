import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { cpuSecondsOf, memoryOf } from './proc.js';

/**
 * One load case, run by throughput.ts in its own process pinned to the load core:
 *   CONFAB_BENCH_LOAD=1 node --import tsx bench/load.ts case.json   (a LoadCase as JSON)
 * Warms up, then measures; prints a LoadResult as JSON on stdout. Latencies are recorded per response
 * (not only 2xx, so 304s count) in fractional milliseconds.
 */

export interface LoadCase {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** `[<id>]` in the body becomes a fresh id per request. */
  body?: string;
  /** Paths to spread requests over, in turn (with the origin of `url`); `url` alone when absent. */
  paths?: string[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** The server's pid: its CPU time and memory are read around the measured window. */
  serverPid: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  /** Statuses during the warm-up (posts made then are stored too). */
  warmupStatuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Server CPU time per answered request, in microseconds. */
  serverCpuUsPerRequest: number;
  /** Server RSS sampled every 100 ms during the measured window, bytes. */
  serverRssMax: number;
  bytesPerResponse: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Hands out the paths in a fixed shuffled order, one per request. */
function nextPath(paths: string[]) {
  let i = 0;
  return (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] });
}

function fire(
  c: LoadCase,
  seconds: number,
  record: ((ms: number, bytes: number) => void) | null,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: c.url,
        method: c.method ?? 'GET',
        headers: c.headers,
        body: c.body,
        idReplacement: c.body?.includes('[<id>]') ?? false,
        requests: c.paths ? [{ setupRequest: nextPath(c.paths) }] : undefined,
        connections: c.connections,
        duration: seconds,
        // Percentiles come from our own record; autocannon's table is not printed.
        renderProgressBar: false,
        renderResultsTable: false,
        renderLatencyTable: false,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (record) instance.on('response', (_client, _status, bytes, ms) => record(ms, bytes));
  });
}

export async function runLoad(c: LoadCase): Promise<LoadResult> {
  const warmup = c.warmupSeconds > 0 ? await fire(c, c.warmupSeconds, null) : null;
  const latencies: number[] = [];
  let bytes = 0;
  let rssMax = memoryOf(c.serverPid).rss;
  const sampler = setInterval(() => {
    try {
      rssMax = Math.max(rssMax, memoryOf(c.serverPid).rss);
    } catch {
      // The server went away; the result will show it.
    }
  }, 100);
  const cpuBefore = cpuSecondsOf(c.serverPid);
  const started = performance.now();
  const result = await fire(c, c.seconds, (ms, n) => {
    latencies.push(ms);
    bytes += n;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSecondsOf(c.serverPid) - cpuBefore;
  clearInterval(sampler);
  const sorted = Float64Array.from(latencies).sort();
  const statusesOf = (r: autocannon.Result | null) =>
    Object.fromEntries(
      Object.entries(r?.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]),
    );
  const answered = latencies.length;
  return {
    requests: answered,
    seconds,
    rps: answered / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    statuses: statusesOf(result),
    warmupStatuses: statusesOf(warmup),
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuUsPerRequest: answered ? (cpu * 1e6) / answered : NaN,
    serverRssMax: rssMax,
    bytesPerResponse: answered ? bytes / answered : NaN,
  };
}

// Run as a child by throughput.ts: the case comes in a JSON file, the result goes out on stdout.
if (process.env.CONFAB_BENCH_LOAD === '1') {
  const c = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadCase;
  runLoad(c).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
