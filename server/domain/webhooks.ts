import { createHmac, randomUUID } from 'node:crypto';
import type { CommentStatus } from '../schema/index.js';
import type { CommentRecord } from '../store/store.js';
import type { WebhookTarget } from './sites.js';
import { toAdminComment } from './views.js';

export type WebhookEventType = 'comment.created' | 'comment.status_changed';

export interface WebhookEvent {
  type: WebhookEventType;
  comment: CommentRecord;
  thread: { url: string; title: string | null };
  /** For status changes: the status before. */
  previousStatus?: CommentStatus;
}

export type WebhookLog = (line: Record<string, unknown>) => void;

export interface WebhookDeps {
  url: string;
  secret: string;
  now: () => number;
  fetch?: typeof fetch;
  /** Runs `fn` after `ms`; tests pass one that records the delays and runs at once. */
  schedule?: (fn: () => void, ms: number) => void;
  /** Tries per event, the first included. */
  attempts?: number;
  /** Delay before the first retry; each next one doubles it. */
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Deliveries waiting or in flight beyond this are dropped (and logged) rather than hoarded in memory. */
  maxPending?: number;
  log?: WebhookLog;
}

/**
 * The signature a receiver checks: HMAC-SHA256, keyed by the site's webhook secret, of the timestamp header,
 * a dot and the raw body. Covering the timestamp lets a receiver refuse replays of old deliveries.
 */
function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const defaultSchedule = (fn: () => void, ms: number) => void setTimeout(fn, ms).unref();

/**
 * Fire-and-forget delivery of comment events to the site's webhook: `notify` returns at once, so a
 * reader's request never waits on the receiver. Each delivery is retried with exponential backoff.
 */
export function createWebhooks(deps: WebhookDeps) {
  const send = deps.fetch ?? fetch;
  const schedule = deps.schedule ?? defaultSchedule;
  const attempts = deps.attempts ?? 5;
  const baseDelayMs = deps.baseDelayMs ?? 1_000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const maxPending = deps.maxPending ?? 1_000;
  const log = deps.log ?? (() => {});
  let pending = 0;
  let waiters: (() => void)[] = [];

  function settle() {
    pending -= 1;
    if (pending === 0) {
      const done = waiters;
      waiters = [];
      for (const w of done) w();
    }
  }

  async function attempt(
    delivery: { id: string; type: string; body: string },
    n: number,
  ): Promise<void> {
    const timestamp = String(Math.floor(deps.now() / 1000));
    let outcome: string;
    try {
      const res = await send(deps.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Confab-Webhook/1',
          'X-Confab-Event': delivery.type,
          'X-Confab-Delivery': delivery.id,
          'X-Confab-Timestamp': timestamp,
          'X-Confab-Signature': webhookSignature(deps.secret, timestamp, delivery.body),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Only the status matters; dropping the body frees the connection.
      void res.body?.cancel().catch(() => {});
      if (res.ok) return settle();
      outcome = `HTTP ${res.status}`;
    } catch (err) {
      outcome = err instanceof Error ? err.message : String(err);
    }
    if (n + 1 < attempts) {
      schedule(() => void attempt(delivery, n + 1), baseDelayMs * 2 ** n);
      return;
    }
    log({
      level: 'error',
      msg: 'webhook delivery gave up',
      delivery: delivery.id,
      event: delivery.type,
      attempts,
      outcome,
    });
    settle();
  }

  return {
    notify(event: WebhookEvent): void {
      if (pending >= maxPending) {
        log({
          level: 'error',
          msg: 'webhook queue full, event dropped',
          event: event.type,
          comment: event.comment.id,
        });
        return;
      }
      const body = JSON.stringify({
        type: event.type,
        comment: toAdminComment(event.comment, event.thread),
        thread: event.thread,
        ...(event.previousStatus ? { previousStatus: event.previousStatus } : {}),
        at: new Date(deps.now()).toISOString(),
      });
      pending += 1;
      void attempt({ id: randomUUID(), type: event.type, body }, 0);
    },
    /** Resolves once every delivery so far has succeeded or given up. */
    idle(): Promise<void> {
      return pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    /** Whether a delivery is waiting or in flight. */
    busy: () => pending > 0,
  };
}

/**
 * Each site's events to its own receiver, signed with its own secret: one delivery queue per receiver, so
 * one site's dead receiver fills only its own. A queue goes once it is idle; sites change their webhook
 * rarely, and a changed one starts a new queue.
 */
export function createSiteWebhooks(deps: Omit<WebhookDeps, 'url' | 'secret'>) {
  const queues = new Map<string, ReturnType<typeof createWebhooks>>();
  return {
    /** Sends nothing for a site without a webhook. */
    notify(target: WebhookTarget | null, event: WebhookEvent): void {
      if (!target) return;
      const key = `${target.url}\n${target.secret}`;
      let queue = queues.get(key);
      if (!queue) {
        queue = createWebhooks({ ...deps, ...target });
        queues.set(key, queue);
      }
      queue.notify(event);
      const mine = queue;
      void mine.idle().then(() => {
        if (!mine.busy() && queues.get(key) === mine) queues.delete(key);
      });
    },
    /** Resolves once every site's deliveries so far have succeeded or given up. */
    async idle(): Promise<void> {
      await Promise.all([...queues.values()].map((q) => q.idle()));
    },
  };
}

export type SiteWebhooks = ReturnType<typeof createSiteWebhooks>;
