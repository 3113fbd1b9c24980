import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent, CommentEvent, EventBus } from '../../server/events/bus.js';
import { createPgNotifyBus, type PgBusStatus, splitUtf8 } from '../../server/events/pg-notify.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';

const URL_A = 'https://news.example/articles/1';
const URL_B = 'https://news.example/articles/2';

let n = 0;
function event(url = URL_A, html = '<p>Hello</p>'): CommentEvent {
  n += 1;
  return {
    type: 'comment.created',
    url,
    comment: {
      id: n,
      parentId: null,
      author: { name: 'Bonnie B', website: null, avatar: 'seed' },
      html,
      createdAt: '2016-05-31T06:24:00.000Z',
      editedAt: null,
      status: 'approved',
    },
  } as CommentEvent;
}

/** Resolves with the first `count` events heard on `url`, or fails after `ms`. */
function hear(
  bus: EventBus,
  url: string,
  count = 1,
  ms = 1000,
): { events: BusEvent[]; done: Promise<BusEvent[]> } {
  const events: BusEvent[] = [];
  const done = new Promise<BusEvent[]>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`heard ${events.length} of ${count} events on ${url} within ${ms} ms`)),
      ms,
    );
    const stop = bus.subscribe(url, (e) => {
      events.push(e);
      if (events.length === count) {
        clearTimeout(timer);
        stop();
        resolve(events);
      }
    });
  });
  return { events, done };
}

describe('PostgreSQL LISTEN/NOTIFY event bus', () => {
  let db: TestDatabase;
  let a: EventBus;
  let b: EventBus;
  const statusesOfB: PgBusStatus['kind'][] = [];
  const statusWaiters: Array<() => void> = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createPgNotifyBus(db.url);
    b = await createPgNotifyBus(db.url, {
      onStatus: (s) => {
        statusesOfB.push(s.kind);
        statusWaiters.splice(0).forEach((w) => w());
      },
    });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('delivers an event published on one instance to a subscriber on another within a second', async () => {
    const sent = event();
    const { done } = hear(b, URL_A);
    a.publish(sent);
    expect(await done).toEqual([sent]);
  });

  it("delivers only to subscribers of the event's thread, and nothing after unsubscribing", async () => {
    const onA: BusEvent[] = [];
    const stop = b.subscribe(URL_A, (e) => onA.push(e));
    const first = event(URL_A);
    const other = event(URL_B);
    const heardOther = hear(b, URL_B);
    a.publish(first);
    a.publish(other);
    // PostgreSQL delivers in commit order: once `other` is here, `first` came before it and nothing else will.
    await heardOther.done;
    expect(onA).toEqual([first]);

    stop();
    const afterStop = hear(b, URL_B);
    a.publish(event(URL_A));
    a.publish(event(URL_B));
    await afterStop.done;
    expect(onA).toEqual([first]);
  });

  it('gives subscribers on the publishing instance each of its events once, without waiting for PostgreSQL', async () => {
    const own: BusEvent[] = [];
    const stop = a.subscribe(URL_A, (e) => own.push(e));
    const mine = event(URL_A);
    const relayed = hear(b, URL_A);
    a.publish(mine);
    expect(own).toEqual([mine]);
    await relayed.done;
    // Had `mine` come back to A through NOTIFY, it would arrive before B's reply below.
    const reply = event(URL_A);
    const heardReply = hear(a, URL_A);
    b.publish(reply);
    await heardReply.done;
    stop();
    expect(own).toEqual([mine, reply]);
  });

  it('carries an event far above the 8000-byte NOTIFY limit intact', async () => {
    const html = `<p>${'Ünïcödé 👍 — “quoted” & <escaped> '.repeat(2000)}</p>`;
    const big = event(URL_A, html);
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(80_000);
    const { done } = hear(b, URL_A);
    a.publish(big);
    expect(await done).toEqual([big]);
  });

  it('listens again by itself after its connection is cut, and hears the next event', async () => {
    const seenBefore = statusesOfB.length;
    const reconnected = new Promise<void>((resolve) => {
      const check = () =>
        statusesOfB.slice(seenBefore).includes('listening') ? resolve() : statusWaiters.push(check);
      check();
    });
    expect(await db.terminateBackends()).toBeGreaterThanOrEqual(2);
    await reconnected;
    expect(statusesOfB.slice(seenBefore)).toEqual(['listen-lost', 'listening']);
    const sent = event();
    const { done } = hear(b, URL_A);
    a.publish(sent);
    expect(await done).toEqual([sent]);
  });

  it('refuses to start when PostgreSQL cannot be reached', async () => {
    await expect(createPgNotifyBus('postgres://postgres@127.0.0.1:1/confab')).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});

describe('splitUtf8', () => {
  it('cuts any text into pieces within the byte limit that join back to it, never inside a character', () => {
    // Characters of one to four UTF-8 bytes, drawn from all of Unicode and from each width on purpose.
    const char = fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c));
    const texts = fc.string({
      unit: fc.oneof(char, fc.constantFrom('a', 'ß', '€', '😀')),
      maxLength: 400,
    });
    fc.assert(
      fc.property(texts, fc.integer({ min: 4, max: 64 }), (text, max) => {
        const parts = splitUtf8(text, max);
        expect(parts.join('')).toBe(text);
        for (const p of parts) {
          expect(Buffer.byteLength(p)).toBeLessThanOrEqual(max);
          expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
        }
      }),
    );
  });
});
