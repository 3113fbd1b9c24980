import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { Engine } from '../config.js';
import type { Sort, ThreadResponse } from '../schema/index.js';
import type { Store } from '../store/store.js';

/**
 * Thread pages as readers get them, serialised once: the JSON bytes and their ETag, plus compressed
 * copies made on first demand. A hit costs a map lookup; the store is asked again only after a write
 * to that thread (or after `ttlMs`, when other instances may write too).
 *
 * Staleness rules:
 * - every write through the store returned by `invalidatingStore()` invalidates the threads it touched
 *   (or everything, for writes whose reach is unknown), so this process never serves a page older than
 *   its own last write;
 * - a load that started before an invalidation of its thread is handed to its waiters but never kept;
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

export type Encoding = 'br' | 'gzip';

export interface CachedPage {
  /** UTF-8 JSON of the ThreadResponse. */
  readonly body: Uint8Array;
  /** Weak validator derived from the bytes: equal pages have equal tags on every instance and restart. */
  readonly etag: string;
}

export interface ThreadCacheOptions {
  /** Pages kept at most; 0 turns caching off (every read goes to the store). Default 2,000. */
  maxEntries?: number;
  /** Bytes kept at most, bodies and compressed copies together. Default 8 MiB. */
  maxBytes?: number;
  /** Age after which a page is read again whatever happened; null keeps it until invalidated. */
  ttlMs?: number | null;
  now?: () => number;
  /** Store.foreignWriteVersion: a change means another process wrote, and nothing kept can be trusted. */
  foreignWrites?: () => number | null;
}

export interface ThreadCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  /** Loads whose result was not kept because their thread changed meanwhile. */
  discarded: number;
  /** Threads whose id maps to their pages: never more than the threads with a page kept. */
  threadIds: number;
}

/** What a page load produces: the response and the thread's id (null while the thread does not exist). */
export interface LoadedPage {
  threadId: number | null;
  response: ThreadResponse;
  /** When the page goes stale by itself, with no write (a thread closing by age), on the cache's clock. */
  expiresAt?: number;
}

interface Entry extends CachedPage {
  key: string;
  url: string;
  /** The thread's id, once its page has been read from the store (null for a thread not created yet). */
  threadId: number | null;
  size: number;
  expiresAt: number;
  encoded: Partial<Record<Encoding, Uint8Array>>;
}

/** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
const COMPRESS_MIN_BYTES = 1024;

/** Invalidation marks remembered per thread; older ones fold into one floor (which only ever refuses more). */
const MAX_MARKS = 10_000;

export function etagOf(bytes: Uint8Array): string {
  return `W/"${createHash('sha1').update(bytes).digest('base64url').slice(0, 22)}"`;
}

/** True when an If-None-Match header names this tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = (name: string) =>
    acceptEncoding.split(',').some((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(';');
      if (coding !== name) return false;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return q === undefined || Number(q.slice(2)) > 0;
    });
  if (accepted('br')) return 'br';
  if (accepted('gzip')) return 'gzip';
  return null;
}

/** `quality` trades time for size: pages compressed per change use a fast level, static files the best. */
export function compress(
  bytes: Uint8Array,
  encoding: Encoding,
  quality: 'fast' | 'best' = 'fast',
): Uint8Array {
  const out =
    encoding === 'gzip'
      ? gzipSync(bytes, { level: quality === 'best' ? 9 : 6 })
      : brotliCompressSync(bytes, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: quality === 'best' ? 11 : 5,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
          },
        });
  // zlib hands back a view of its larger output chunk; a kept copy of the exact size frees the rest.
  return new Uint8Array(out);
}

const utf8 = new TextEncoder();

const keyOf = (k: PageKey) => `${k.url}\n${k.sort}\n${k.limit}\n${k.cursor ?? ''}`;

export function createThreadCache(opts: ThreadCacheOptions = {}) {
  const maxEntries = opts.maxEntries ?? 2000;
  const maxBytes = opts.maxBytes ?? 8 * 1024 * 1024;
  const ttlMs = opts.ttlMs ?? null;
  const now = opts.now ?? Date.now;
  const foreignWrites = opts.foreignWrites ?? (() => null);
  let foreignVersion = foreignWrites();

  /** Least recently used first (a Map keeps insertion order; a hit moves the entry to the end). */
  const entries = new Map<string, Entry>();
  /** Page keys cached per thread, so a thread's invalidation finds its pages at once. */
  const byUrl = new Map<string, Set<string>>();
  /** Thread id → key, for writes that know a comment's thread only by id; only threads with pages kept. */
  const urlOfThread = new Map<number, string>();
  const loading = new Map<string, { url: string; promise: Promise<CachedPage> }>();
  /** Logical clock: each invalidation ticks it and marks the thread (or the floor, for all) with it. */
  let clock = 0;
  let floor = 0;
  const marks = new Map<string, number>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, discarded: 0 };

  const markOf = (url: string) => Math.max(floor, marks.get(url) ?? 0);

  function drop(key: string) {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.size;
    const keys = byUrl.get(e.url);
    keys?.delete(key);
    if (keys && keys.size === 0) {
      byUrl.delete(e.url);
      // Else every thread ever read would stay in memory for as long as the process runs.
      if (e.threadId !== null) urlOfThread.delete(e.threadId);
    }
  }

  function evict() {
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) return;
      drop(key);
    }
  }

  function keep(entry: Entry) {
    drop(entry.key);
    entries.set(entry.key, entry);
    bytes += entry.size;
    let keys = byUrl.get(entry.url);
    if (!keys) {
      keys = new Set();
      byUrl.set(entry.url, keys);
    }
    keys.add(entry.key);
    if (entry.threadId !== null) urlOfThread.set(entry.threadId, entry.url);
    evict();
  }

  function serialise(key: string, url: string, loaded: LoadedPage): Entry {
    // Exactly sized (Buffer.from would slice small pages out of a shared 8 kB pool, which they would pin).
    const body = utf8.encode(JSON.stringify(loaded.response));
    return {
      key,
      url,
      threadId: loaded.threadId,
      body,
      etag: etagOf(body),
      size: body.byteLength,
      expiresAt: Math.min(ttlMs === null ? Infinity : now() + ttlMs, loaded.expiresAt ?? Infinity),
      encoded: {},
    };
  }

  function invalidate(url: string) {
    marks.delete(url);
    marks.set(url, ++clock);
    if (marks.size > MAX_MARKS) {
      const [oldest, mark] = marks.entries().next().value!;
      marks.delete(oldest);
      floor = Math.max(floor, mark);
    }
    for (const key of byUrl.get(url) ?? []) drop(key);
    for (const [key, l] of loading) if (l.url === url) loading.delete(key);
    // Ids pointing here are dropped lazily: a stale one only causes one more invalidation.
  }

  /** Forgets everything (bulk writes: imports, erasures, anything whose reach is unknown). */
  function clear() {
    floor = ++clock;
    marks.clear();
    entries.clear();
    byUrl.clear();
    urlOfThread.clear();
    loading.clear();
    bytes = 0;
  }

  return {
    /** The page for `key`: from the cache, else from `load` — once, however many ask at the same time. */
    get(key: PageKey, load: () => Promise<LoadedPage>): Promise<CachedPage> {
      const version = foreignWrites();
      if (version !== foreignVersion) {
        foreignVersion = version;
        clear();
      }
      const k = keyOf(key);
      const hit = entries.get(k);
      if (hit && hit.expiresAt > now()) {
        stats.hits += 1;
        // Most recently used goes last.
        entries.delete(k);
        entries.set(k, hit);
        return Promise.resolve(hit);
      }
      if (hit) drop(k);
      const pending = loading.get(k);
      if (pending) {
        stats.hits += 1;
        return pending.promise;
      }
      stats.misses += 1;
      const started = clock;
      const promise = load().then(
        (loaded) => {
          const entry = serialise(k, key.url, loaded);
          if (loading.get(k)?.promise === promise) loading.delete(k);
          if (maxEntries > 0 && entry.size <= maxBytes && markOf(key.url) <= started) keep(entry);
          else if (maxEntries > 0) stats.discarded += 1;
          return entry;
        },
        (err: unknown) => {
          if (loading.get(k)?.promise === promise) loading.delete(k);
          throw err;
        },
      );
      if (maxEntries > 0) loading.set(k, { url: key.url, promise });
      return promise;
    },

    /** The page's bytes in `encoding`, compressed once and kept with the page; null when not worth it. */
    encoded(page: CachedPage, encoding: Encoding): Uint8Array | null {
      if (page.body.byteLength < COMPRESS_MIN_BYTES) return null;
      const entry = page as Entry;
      const have = entry.encoded[encoding];
      if (have) return have;
      const out = compress(page.body, encoding);
      entry.encoded[encoding] = out;
      if (entries.get(entry.key) === entry) {
        entry.size += out.byteLength;
        bytes += out.byteLength;
        evict();
      }
      return out;
    },

    /** Forgets every page of one thread (key = normalised URL). */
    invalidate,

    /** Forgets the pages of the thread with this id; when none are kept, refuses every load in flight. */
    invalidateThreadId(id: number) {
      const url = urlOfThread.get(id);
      if (url !== undefined) return invalidate(url);
      // Not cached, but a load of it may be in flight without our knowing its id yet.
      floor = ++clock;
      loading.clear();
    },

    /** Forgets everything (bulk writes: imports, erasures, anything whose reach is unknown). */
    clear,

    stats(): ThreadCacheStats {
      return { entries: entries.size, bytes, threadIds: urlOfThread.size, ...stats };
    },
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

/** Store verbs that never change what a reader sees of any thread. */
const NO_THREAD_EFFECT = new Set<string>([
  'getComment',
  'getThreadById',
  'getThread',
  'getThreadPage',
  'hasReplies',
  'hasApprovedComment',
  'countApproved',
  'getOrCreateSetting',
  'getSetting',
  'putSetting',
  'deleteSettings',
  'hitCounter',
  'claimOnce',
  'listAdminComments',
  'countByStatus',
  'countThreads',
  'listCommentsByEmail',
  'listLatestApproved',
  'exportAll',
  'purgeIpHashes',
  'foreignWriteVersion',
  'ping',
  'close',
  'claimOutbox',
  'claimDigest',
  'fanOut',
  'settleOutbox',
  'countSentTo',
  'enqueueMail',
  'confirmAddress',
  'isConfirmed',
  'proofEmail',
  'listSubscriptions',
  'unsubscribe',
  'addBan',
  'listBans',
  'removeBan',
  'findBans',
]);

/**
 * The store, with every write invalidating the cached pages it may have changed — whoever makes it
 * (readers, moderation, imports). Writes to one comment invalidate its thread; any other write verb,
 * including ones added to the Store later, clears the whole cache.
 */
export function invalidatingStore<S extends Store>(store: S, cache: ThreadCache): S {
  const wrapped = new Map<PropertyKey, unknown>();
  const wrap = (name: string, fn: (...args: unknown[]) => Promise<unknown>): unknown => {
    if (NO_THREAD_EFFECT.has(name)) return fn.bind(store);
    switch (name) {
      case 'insertComment':
      case 'updateThread':
        return async (req: { url: string }) => {
          try {
            return await fn.call(store, req);
          } finally {
            cache.invalidate(req.url);
          }
        };
      case 'updateComment':
      case 'setLike':
        return async (req: { id: number }) => {
          let result: { threadId: number } | undefined;
          try {
            result = (await fn.call(store, req)) as { threadId: number } | undefined;
          } catch (err) {
            // Whether anything changed is unknown.
            cache.clear();
            throw err;
          }
          if (result) cache.invalidateThreadId(result.threadId);
          return result;
        };
      case 'eraseComment':
        return async (req: { id: number }) => {
          const before = await store.getComment({ id: req.id });
          try {
            return await fn.call(store, req);
          } finally {
            if (before) cache.invalidateThreadId(before.threadId);
          }
        };
      default:
        return async (...args: unknown[]) => {
          try {
            return await fn.apply(store, args);
          } finally {
            cache.clear();
          }
        };
    }
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      let fn = wrapped.get(prop);
      if (!fn) {
        fn = wrap(prop, value as (...args: unknown[]) => Promise<unknown>);
        wrapped.set(prop, fn);
      }
      return fn;
    },
  });
}
