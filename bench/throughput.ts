import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadCase, LoadResult } from './load.js';
import { LOAD_CORE, run, type Server } from './proc.js';

export interface CaseResult extends LoadResult {
  name: string;
  server: string;
  /** Every round, when the case ran in rounds; the other figures are those of the median round. */
  rounds?: {
    rps: number;
    statuses: Record<string, number>;
    warmupStatuses: Record<string, number>;
    requests: number;
  }[];
}

export interface Timing {
  warmupSeconds: number;
  seconds: number;
  connections: number;
}

/** ~8 s per case after a 2 s warm-up, 50 connections; CONFAB_BENCH_SECONDS shortens runs while developing. */
export function timingFromEnv(): Timing {
  const seconds = Number(process.env.CONFAB_BENCH_SECONDS ?? 8);
  return {
    warmupSeconds: Math.min(3, Math.max(1, Math.round(seconds / 4))),
    seconds,
    connections: 50,
  };
}

/** A round of a case measured in rounds: shorter, since several make up its figure. */
export const roundTiming = (t: Timing): Timing => ({
  ...t,
  warmupSeconds: 1,
  seconds: Math.max(2, Math.round(t.seconds * 0.6)),
});

/**
 * The round with the median req/s, carrying every round. The machine is shared: a neighbour's burst can
 * slow one window of seconds by half, and a median of rounds moves far less than a single run does.
 */
export function medianRound(rounds: CaseResult[]): CaseResult {
  const sorted = [...rounds].sort((a, b) => a.rps - b.rps);
  return {
    ...sorted[(sorted.length - 1) >> 1]!,
    rounds: rounds.map((r) => ({
      rps: r.rps,
      statuses: r.statuses,
      warmupStatuses: r.warmupStatuses,
      requests: r.requests,
    })),
  };
}

export interface Request {
  path: string;
  paths?: string[];
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

let cases = 0;

/** Fires one case at `server` from autocannon in its own process on the load core. */
export async function loadCase(
  name: string,
  server: Server,
  req: Request,
  timing: Timing,
): Promise<CaseResult> {
  const c: LoadCase = {
    url: `${server.url}${req.path}`,
    ...(req.paths ? { paths: req.paths } : {}),
    method: req.method ?? 'GET',
    headers: req.headers,
    body: req.body,
    connections: timing.connections,
    warmupSeconds: timing.warmupSeconds,
    seconds: timing.seconds,
    serverPid: server.pid,
  };
  // A file, not argv: a case may carry tens of thousands of paths.
  const file = join(tmpdir(), `confab-load-${process.pid}-${++cases}.json`);
  writeFileSync(file, JSON.stringify(c));
  let out: string;
  try {
    out = await run(
      'taskset',
      ['-c', String(LOAD_CORE), process.execPath, '--import', 'tsx', 'bench/load.ts', file],
      {
        env: { CONFAB_BENCH_LOAD: '1' },
        timeoutMs: (timing.warmupSeconds + timing.seconds + 60) * 1000,
      },
    );
  } finally {
    rmSync(file, { force: true });
  }
  const result = JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
  return { name, server: server.name, ...result };
}

/**
 * Load thrown away: a freshly started server (and its JIT, and its heap) answers the first seconds of load
 * slower than all later ones, which would count against whichever case happens to run first.
 */
export async function warmUp(server: Server, req: Request, seconds = 5): Promise<void> {
  await loadCase('warm-up', server, req, { warmupSeconds: 0, seconds, connections: 50 });
}

/** GET /api/threads for one thread URL, first page, oldest first (what the widget asks for). */
export const threadPath = (url: string) => `/api/threads?${new URLSearchParams({ url })}`;

export const countsPath = (urls: readonly string[]) =>
  `/api/counts?${new URLSearchParams(urls.map((u) => ['url', u]))}`;

/** A valid new comment; `[<id>]` makes every body (and so every comment) unique. */
export function postBody(url: string): string {
  return JSON.stringify({
    url,
    title: 'Posting under load',
    body: 'Comment [<id>]: while it may be fair to lease land, the way the law was rushed through left people feeling unheard.',
    author: { name: 'Load Tester', email: 'load@example.com' },
  });
}
