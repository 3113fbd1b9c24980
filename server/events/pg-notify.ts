import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type BusEvent, createMemoryBus, type EventBus } from './bus.js';

const CHANNEL = 'confab_events';

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more, and a comment's HTML alone can be larger.
 * Big events are split into parts sent by one statement (one transaction), so every listener receives
 * all parts, in order, or none. Splitting keeps the bus free of tables and of reads back from the store.
 */
const PART_BYTES = 7800;

/** A database that does not answer must not leave publishes queueing or a reconnect hanging for minutes. */
const CONNECT_TIMEOUT_MS = 3000;
const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 5000;

/** Parts of at most one split event are normally in flight; the cap only bounds a misbehaving sender. */
const MAX_PENDING = 64;

export type PgBusStatus =
  | { kind: 'listening' }
  | { kind: 'listen-lost'; error: Error; retryInMs: number }
  | { kind: 'publish-failed'; error: Error };

export interface PgNotifyOptions {
  /** Connection changes and failed publishes, for the log. */
  onStatus?: (status: PgBusStatus) => void;
}

/** Cuts UTF-8 text into pieces of at most `maxBytes`, never inside a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const buf = Buffer.from(text, 'utf8');
  const parts: string[] = [];
  let start = 0;
  while (start < buf.length) {
    let end = Math.min(start + maxBytes, buf.length);
    while (end < buf.length && (buf[end]! & 0xc0) === 0x80) end--;
    parts.push(buf.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts;
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * The EventBus across instances: subscribers of this instance hear its own events at once, and every
 * other instance hears them through NOTIFY on one channel, over a dedicated LISTEN connection that
 * reconnects by itself with backoff. Events sent while that connection is down are not replayed.
 * Resolves once the first LISTEN is in place, so an unreachable database fails at start-up.
 */
export async function createPgNotifyBus(
  url: string,
  opts: PgNotifyOptions = {},
): Promise<EventBus> {
  const onStatus = opts.onStatus ?? (() => {});
  const local = createMemoryBus();
  const origin = randomBytes(8).toString('hex');
  let seq = 0;
  // One connection keeps this instance's events in the order it published them.
  const publisher = new pg.Pool({
    connectionString: url,
    max: 1,
    keepAlive: true,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  publisher.on('error', () => {});

  const pending = new Map<string, { parts: string[]; received: number }>();
  let listener: pg.Client | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let closed = false;

  function deliver(json: string) {
    let event: BusEvent;
    try {
      event = JSON.parse(json) as BusEvent;
    } catch {
      return;
    }
    if (typeof event?.url === 'string') local.publish(event);
  }

  function receive(payload: string) {
    const [id, index, total] = payload.split(' ', 3) as [string, string?, string?];
    if (!id || id.startsWith(`${origin}.`)) return;
    const i = Number(index);
    const n = Number(total);
    if (!Number.isInteger(i) || !Number.isInteger(n) || i < 0 || i >= n) return;
    const piece = payload.slice(id.length + index!.length + total!.length + 3);
    if (n === 1) return deliver(piece);
    let entry = pending.get(id);
    if (!entry) {
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
      entry = { parts: new Array<string>(n), received: 0 };
      pending.set(id, entry);
    }
    if (entry.parts[i] === undefined) entry.received += 1;
    entry.parts[i] = piece;
    if (entry.received === n) {
      pending.delete(id);
      deliver(entry.parts.join(''));
    }
  }

  function lost(client: pg.Client, error: Error) {
    if (closed || client !== listener) return;
    listener = null;
    // Parts still missing now arrived on the old connection or never will.
    pending.clear();
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    const retryInMs = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** failures);
    failures += 1;
    onStatus({ kind: 'listen-lost', error, retryInMs });
    retry = setTimeout(() => {
      retry = null;
      listen().catch(() => {});
    }, retryInMs);
  }

  async function listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: url,
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    listener = client;
    client.on('notification', (m) => {
      if (m.channel === CHANNEL && m.payload) receive(m.payload);
    });
    client.on('error', (e) => lost(client, e));
    client.on('end', () => lost(client, new Error('The LISTEN connection ended.')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      lost(client, asError(e));
      throw e;
    }
    failures = 0;
    onStatus({ kind: 'listening' });
  }

  async function close() {
    closed = true;
    if (retry) clearTimeout(retry);
    const client = listener;
    listener = null;
    await Promise.all([client?.end().catch(() => {}), publisher.end()]);
    await local.close();
  }

  try {
    await listen();
  } catch (e) {
    await close();
    throw e;
  }

  return {
    publish(event) {
      if (closed) return;
      const id = `${origin}.${++seq}`;
      const parts = splitUtf8(JSON.stringify(event), PART_BYTES);
      const payloads = parts.map((p, i) => `${id} ${i} ${parts.length} ${p}`);
      const text = `select ${payloads.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ')}`;
      publisher
        .query(text, [CHANNEL, ...payloads])
        .catch((e: unknown) => onStatus({ kind: 'publish-failed', error: asError(e) }));
      local.publish(event);
    },
    subscribe: (threadUrl, fn) => local.subscribe(threadUrl, fn),
    close,
  };
}
