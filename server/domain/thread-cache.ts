import { LRUCache } from 'lru-cache';
import type { Engine } from '../config.js';
import type { Sort, ThreadResponse } from '../schema/index.js';

/**
 * Thread pages as readers get them, kept as values: a hit costs a lookup, and the store is asked again
 * only after a write to that thread (or after `ttlMs`, when other instances may write too). What the
 * HTTP layer makes of a page (its JSON bytes, ETag and compressed copies) lives as long as the page
 * lives here (server/http/cacheable-body.ts).
 *
 * Staleness rules:
 * - every write through `InvalidatingStore` drops the pages of the threads it touched (or every page,
 *   for writes whose reach is unknown), so this process never serves a page older than its own last
 *   write;
 * - a load that such a write overtook is handed to those who waited for it but never kept, and readers
 *   who come after the write start a fresh load rather than join it;
 * - other processes' writes: on SQLite (a CLI import into a running server's file) `foreignWrites`
 *   changes and the whole cache is dropped before the next read is served; with PostgreSQL the app
 *   sets a short `ttlMs` (see `threadCacheOptionsFor`), which bounds staleness to that time. (The
 *   event bus is not enough: it does not announce pending or spam changes.)
 */

export interface PageKey {
  /** Thread key (normalised URL). */
  url: string;
  sort: Sort;
  cursor: string | null;
  limit: number;
}

/** What a page load produces: the response and the thread's id (null while the thread does not exist). */
export interface LoadedPage {
  threadId: number | null;
  response: ThreadResponse;
  /** When the page goes stale by itself, with no write (a thread closing by age), on the cache's clock. */
  expiresAt?: number;
}

export interface ThreadCacheOptions {
  /** Pages kept at most; 0 turns caching off (every read goes to the store). Default 2,000. */
  maxEntries?: number;
  /**
   * Bytes kept at most, each page counted as its JSON; a larger page is not kept. Default 2 MiB: about a
   * hundred first pages of 50 comments, more than the threads a site has readers on at one moment. The
   * pages as objects and the HTTP layer's copies of them (JSON bytes, compressed forms) take about 2.4
   * times this in all (measured with pages of 20 comments). Readers spread over many threads make a
   * kept page outlive the young generation and then leave it as old garbage, so a larger cache costs
   * far more memory than it holds.
   */
  maxBytes?: number;
  /** Age after which a page is read again whatever happened; null keeps it until invalidated. */
  ttlMs?: number | null;
  now?: () => number;
  /** Store.foreignWriteVersion: a change means another process wrote, and nothing kept can be trusted. */
  foreignWrites?: () => number | null;
}

interface Page extends LoadedPage {
  url: string;
}

/** One read of the store, from the moment it starts until its page is kept or refused. */
interface Load {
  key: string;
  url: string;
  run: () => Promise<LoadedPage>;
}

const keyOf = (k: PageKey) => `${k.url}\n${k.sort}\n${k.limit}\n${k.cursor ?? ''}`;

export function createThreadCache(opts: ThreadCacheOptions = {}) {
  const maxEntries = opts.maxEntries ?? 2000;
  const ttlMs = opts.ttlMs ?? null;
  const now = opts.now ?? Date.now;
  const foreignWrites = opts.foreignWrites ?? (() => null);
  let foreignVersion = foreignWrites();

  /** Keys of the pages kept per thread, so that a write finds them at once. */
  const keysOf = new Map<string, Set<string>>();
  /** Thread id → URL, for writes that know a comment's thread only by id; only threads with pages kept. */
  const urlOfThread = new Map<number, string>();
  /**
   * Loads not yet settled. The cache keeps a load's page only if its key still holds that load, so a write
   * deletes the keys of the loads of its thread; the cache cannot list them, hence this set.
   */
  const loading = new Set<Load>();

  const pages =
    maxEntries === 0
      ? null
      : new LRUCache<string, Page, Load>({
          max: maxEntries,
          maxSize: opts.maxBytes ?? 2 * 1024 * 1024,
          sizeCalculation: (page) => Buffer.byteLength(JSON.stringify(page.response)),
          ...(ttlMs !== null && { ttl: ttlMs, ttlResolution: 0, perf: { now } }),
          // A load whose key a write deleted still answers those who waited for it, and is not kept.
          ignoreFetchAbort: true,
          fetchMethod: async (_key, _stale, { context: load }) => {
            loading.add(load);
            return { url: load.url, ...(await load.run()) };
          },
          onInsert: (page, key) => {
            let keys = keysOf.get(page.url);
            if (!keys) {
              keys = new Set();
              keysOf.set(page.url, keys);
            }
            keys.add(key);
            if (page.threadId !== null) urlOfThread.set(page.threadId, page.url);
          },
          dispose: (page, key) => {
            const keys = keysOf.get(page.url);
            keys?.delete(key);
            if (keys?.size === 0) {
              keysOf.delete(page.url);
              // Else every thread ever read would stay in memory for as long as the process runs.
              if (page.threadId !== null) urlOfThread.delete(page.threadId);
            }
          },
        });

  /** Forgets every page of one thread (by its key, the normalised URL), and refuses its loads in flight. */
  function invalidate(url: string) {
    if (!pages) return;
    const keys = [...(keysOf.get(url) ?? [])];
    for (const load of loading) if (load.url === url) keys.push(load.key);
    for (const key of keys) pages.delete(key);
  }

  /** Forgets everything (bulk writes: imports, erasures, anything whose reach is unknown). */
  function clear() {
    pages?.clear();
    loading.clear();
  }

  return {
    /** The page for `key`: from the cache, else from `load` — once, however many ask at the same time. */
    async get(key: PageKey, load: () => Promise<LoadedPage>): Promise<ThreadResponse> {
      if (!pages) return (await load()).response;
      const version = foreignWrites();
      if (version !== foreignVersion) {
        foreignVersion = version;
        clear();
      }
      const started: Load = { key: keyOf(key), url: key.url, run: load };
      // A page that goes stale by itself (its thread closing by age) is read again from that moment on.
      const kept = pages.peek(started.key);
      if (kept?.expiresAt !== undefined && kept.expiresAt <= now()) pages.delete(started.key);
      try {
        // Undefined only when fetchMethod answers undefined, which it never does.
        return (await pages.fetch(started.key, { context: started }))!.response;
      } finally {
        // Only now has the cache kept the page or refused it: until then a write must find the load.
        loading.delete(started);
      }
    },

    invalidate,

    /** Forgets the pages of the thread with this id; when none are kept, refuses every load in flight. */
    invalidateThreadId(id: number) {
      const url = urlOfThread.get(id);
      if (url !== undefined) return invalidate(url);
      // Not kept, but a load of it may be in flight without our knowing its id yet.
      for (const load of [...loading]) pages?.delete(load.key);
    },

    clear,
  };
}

export type ThreadCache = ReturnType<typeof createThreadCache>;

/**
 * One SQLite file has one writer, this process: pages live until a write invalidates them. PostgreSQL
 * may have several instances writing, and not every change is announced on the bus, so pages there
 * live one second at most.
 */
export function threadCacheOptionsFor(engine: Engine): ThreadCacheOptions {
  return engine === 'sqlite' ? { ttlMs: null } : { ttlMs: 1000 };
}
