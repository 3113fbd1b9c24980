import type { PublicComment, ThreadChange } from '../schema/index.js';

export type CommentEventType = 'comment.created' | 'comment.updated' | 'comment.deleted';

export interface CommentEvent {
  type: CommentEventType;
  /** Thread key the comment belongs to. */
  url: string;
  comment: PublicComment;
}

/** The thread itself changed for readers: an admin closed or reopened it. */
export interface ThreadEvent {
  type: 'thread.updated';
  url: string;
  thread: ThreadChange;
}

export type BusEvent = CommentEvent | ThreadEvent;

export type Listener = (event: BusEvent) => void;

/** Fan-out of thread changes to live readers; in-process here, PostgreSQL LISTEN/NOTIFY across instances. */
export interface EventBus {
  publish(event: BusEvent): void;
  /** Listens to one thread; returns the unsubscribe function. */
  subscribe(url: string, listener: Listener): () => void;
  close(): Promise<void>;
}

export function createMemoryBus(): EventBus & { listenerCount(): number } {
  const byUrl = new Map<string, Set<Listener>>();
  return {
    listenerCount() {
      let n = 0;
      for (const set of byUrl.values()) n += set.size;
      return n;
    },
    publish(event) {
      for (const l of byUrl.get(event.url) ?? []) l(event);
    },
    subscribe(url, listener) {
      let set = byUrl.get(url);
      if (!set) {
        set = new Set();
        byUrl.set(url, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) byUrl.delete(url);
      };
    },
    async close() {
      byUrl.clear();
    },
  };
}
