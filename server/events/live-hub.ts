import { randomBytes } from 'node:crypto';
import type { BusEvent, EventBus } from './bus.js';

export type LiveEvent = BusEvent & {
  /** `<instance>-<channel>.<sequence>`: resumable only on the instance and channel that issued it. */
  id: string;
};

export type LiveListener = (event: LiveEvent) => void;

export interface LiveSubscription {
  /** Events missed since Last-Event-ID, or 'resync' when they can no longer be told (reload the thread). */
  missed: LiveEvent[] | 'resync';
  unsubscribe(): void;
}

export interface LiveHubOptions {
  /** Events kept per thread for readers who reconnect. */
  bufferSize?: number;
  /** How long a thread's buffer of events outlives its last reader, so a reconnect can resume. */
  lingerMs?: number;
}

interface Channel {
  /** Prefix of this channel's event ids; a channel opened again gets a new one. */
  prefix: string;
  seq: number;
  listeners: Set<LiveListener>;
  buffer: LiveEvent[];
  stopBus: () => void;
  linger: ReturnType<typeof setTimeout> | null;
}

/**
 * Numbers the bus's events for Server-Sent Events and keeps a short replay buffer per thread, so a reader
 * who reconnects with Last-Event-ID gets exactly what it missed. The bus subscription lives only while a
 * thread has readers (plus a short linger), so closed connections leave nothing behind.
 */
export function createLiveHub(bus: EventBus, opts: LiveHubOptions = {}) {
  const bufferSize = opts.bufferSize ?? 200;
  const lingerMs = opts.lingerMs ?? 60_000;
  const instance = randomBytes(4).toString('hex');
  let generation = 0;
  const channels = new Map<string, Channel>();

  function open(url: string): Channel {
    const existing = channels.get(url);
    if (existing) return existing;
    const channel: Channel = {
      prefix: `${instance}-${++generation}`,
      seq: 0,
      listeners: new Set(),
      buffer: [],
      stopBus: () => {},
      linger: null,
    };
    channel.stopBus = bus.subscribe(url, (event) => {
      const live: LiveEvent = { ...event, id: `${channel.prefix}.${++channel.seq}` };
      channel.buffer.push(live);
      if (channel.buffer.length > bufferSize) channel.buffer.shift();
      for (const l of channel.listeners) l(live);
    });
    channels.set(url, channel);
    return channel;
  }

  function missedSince(channel: Channel, lastEventId: string | undefined): LiveEvent[] | 'resync' {
    if (!lastEventId) return [];
    const dot = lastEventId.lastIndexOf('.');
    const last = Number(lastEventId.slice(dot + 1));
    if (
      dot < 0 ||
      lastEventId.slice(0, dot) !== channel.prefix ||
      !Number.isInteger(last) ||
      last > channel.seq
    )
      return 'resync';
    const missed = channel.buffer.slice(channel.buffer.length - (channel.seq - last));
    // The buffer no longer reaches back that far: the reader must reload instead.
    return missed.length === channel.seq - last ? missed : 'resync';
  }

  return {
    subscribe(
      url: string,
      lastEventId: string | undefined,
      listener: LiveListener,
    ): LiveSubscription {
      const channel = open(url);
      if (channel.linger) {
        clearTimeout(channel.linger);
        channel.linger = null;
      }
      channel.listeners.add(listener);
      return {
        missed: missedSince(channel, lastEventId),
        unsubscribe() {
          channel.listeners.delete(listener);
          if (channel.listeners.size > 0 || channel.linger) return;
          const free = () => {
            channel.stopBus();
            if (channels.get(url) === channel) channels.delete(url);
          };
          // Nothing to replay: no reader can resume here, so the channel goes at once, and a flood of
          // streams to made-up addresses leaves nothing behind.
          if (channel.seq === 0) return free();
          channel.linger = setTimeout(free, lingerMs);
          channel.linger.unref?.();
        },
      };
    },
    /** Threads with a channel open (readers, or events kept for readers who reconnect). */
    channelCount: () => channels.size,
    /** Readers connected right now, for tests and metrics. */
    readerCount(url?: string): number {
      if (url !== undefined) return channels.get(url)?.listeners.size ?? 0;
      let n = 0;
      for (const c of channels.values()) n += c.listeners.size;
      return n;
    },
    close() {
      for (const c of channels.values()) {
        if (c.linger) clearTimeout(c.linger);
        c.stopBus();
      }
      channels.clear();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
