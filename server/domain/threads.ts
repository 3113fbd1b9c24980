import type { EventBus } from '../events/bus.js';
import type { AdminThread, ThreadPatch } from '../schema/admin-newsroom.js';
import type { Store, ThreadRecord } from '../store/store.js';
import { requireThreadKey } from './thread-key.js';
import { iso } from './views.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What the closing rules look at; a thread not created yet has none of it. */
type Dated = Pick<ThreadRecord, 'closed' | 'publishedAt' | 'createdAt'>;

/**
 * When the age rule closes a thread: `closeAfterDays` after its article's publication as a post stated
 * it, else after its first comment (when the thread was created). Null when threads never close by age.
 */
export function closesAt(thread: Dated, closeAfterDays: number): number | null {
  if (closeAfterDays <= 0) return null;
  return (thread.publishedAt ?? thread.createdAt) + closeAfterDays * DAY_MS;
}

/**
 * Whether a thread takes new comments no more. An admin's word wins either way; otherwise the age rule.
 * A thread not created yet is dated by the publication the post states, else by the post itself.
 */
export function isClosed(
  thread: Dated | undefined,
  closeAfterDays: number,
  now: number,
  statedPublication: number | null = null,
): boolean {
  if (thread && thread.closed !== null) return thread.closed;
  const dated: Dated = thread
    ? { ...thread, publishedAt: thread.publishedAt ?? statedPublication }
    : { closed: null, publishedAt: statedPublication, createdAt: now };
  const at = closesAt(dated, closeAfterDays);
  return at !== null && now >= at;
}

/**
 * What readers are told of a thread's closing: whether it is closed, and when the age rule will close it
 * while it is open and no admin has had the last word (the moment its cached page turns stale, too).
 */
export function readersClosing(
  t: Dated | undefined,
  closeAfterDays: number,
  now: number,
): { closed: boolean; closesAt: number | null } {
  const closed = t !== undefined && isClosed(t, closeAfterDays, now);
  return {
    closed,
    closesAt: t && !closed && t.closed === null ? closesAt(t, closeAfterDays) : null,
  };
}

/** The same as readers get it in a thread's JSON and live events. */
export function toThreadChange({ closed, closesAt }: ReturnType<typeof readersClosing>) {
  return { closed, ...(closesAt !== null && { closesAt: iso(closesAt) }) };
}

/**
 * Whether a post's title replaces the thread's: a page may retitle its article, but a title an admin set
 * stays, and posts change it at most once a day, so nobody can keep flipping it.
 */
export function retitleDue(thread: ThreadRecord | undefined, title: string | null, now: number) {
  if (!thread || title === null || thread.titleLocked || title === thread.title) return false;
  return thread.titleUpdatedAt === null || now - thread.titleUpdatedAt >= DAY_MS;
}

/** A publication date a post states, never later than now (a page cannot postpone its own closing). */
export function statedPublication(published: string | undefined, now: number): number | null {
  if (!published) return null;
  const at = Date.parse(published);
  return Number.isFinite(at) ? Math.min(at, now) : null;
}

export function toAdminThread(t: ThreadRecord, closeAfterDays: number, now: number): AdminThread {
  const at = closesAt(t, closeAfterDays);
  return {
    url: t.url,
    title: t.title,
    titleLocked: t.titleLocked,
    closed: isClosed(t, closeAfterDays, now),
    closedByAdmin: t.closed,
    closesAt: at === null ? null : iso(at),
    publishedAt: t.publishedAt === null ? null : iso(t.publishedAt),
    createdAt: iso(t.createdAt),
  };
}

/**
 * An admin closes or reopens a thread, or sets its title, before or after its first comment. Live readers
 * hear when that closes or reopens it, so their form gives way to "Comments are closed." or comes back, and
 * when it changes whether (and when) the age rule closes it.
 */
export function createThreadAdmin(deps: {
  store: Pick<Store, 'getThread' | 'updateThread'>;
  events: EventBus;
  closeAfterDays: number;
  now: () => number;
}) {
  const { store, closeAfterDays } = deps;
  return {
    async update(url: string, patch: ThreadPatch): Promise<AdminThread> {
      const now = deps.now();
      const key = requireThreadKey(url);
      const before = toThreadChange(
        readersClosing(await store.getThread({ url: key }), closeAfterDays, now),
      );
      const thread = await store.updateThread({
        url: key,
        now,
        ...(patch.closed !== undefined && { closed: patch.closed }),
        ...(patch.title !== undefined &&
          (patch.title === null
            ? { titleLocked: false }
            : { title: patch.title, titleLocked: true })),
      });
      const after = toThreadChange(readersClosing(thread, closeAfterDays, now));
      if (after.closed !== before.closed || after.closesAt !== before.closesAt)
        deps.events.publish({ type: 'thread.updated', url: key, thread: after });
      return toAdminThread(thread, closeAfterDays, now);
    },
  };
}

export type ThreadAdmin = ReturnType<typeof createThreadAdmin>;
