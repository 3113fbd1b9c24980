import type { MailConfig } from '../config.js';
import type { HeldReason } from '../domain/moderation.js';
import type { OutboxMessage, Store } from '../store/store.js';
import {
  type CommentLinks,
  confirmMail,
  digestMail,
  type MailComment,
  moderatorMail,
  notificationMail,
  verifyMail,
} from './compose.js';
import { LINK_LIFETIME_MS, type LinkClaims, linkUrl, signLink } from './links.js';
import type { MailMessage, MailTransport } from './transport.js';

const HOUR_MS = 3600_000;
/** A worker that dies mid-send leaves its messages to others after this; far longer than one SMTP exchange. */
export const LEASE_MS = 5 * 60_000;
/** Retries wait `retrySeconds` (5 s by default), then twice as long each time up to an hour; after this many tries a message is given up. */
const MAX_ATTEMPTS = 10;
const BATCH = 20;

function retryDelayMs(mail: MailConfig, attempts: number): number {
  return Math.min(mail.retrySeconds * 1000 * 2 ** Math.max(0, attempts - 1), HOUR_MS);
}

export interface MailWorkerDeps {
  store: Store;
  transport: MailTransport;
  mail: MailConfig;
  secret: string;
  now: () => number;
  log?: (line: { level: 'info' | 'error'; msg: string; error?: string }) => void;
}

/** A message that cannot be sent and never will be (its comment is gone or no longer approved). */
class Obsolete extends Error {}

/**
 * Sends the outbox, outside every request: claims due messages with a lease, sends them, settles each.
 * Runs in every instance; the lease and PostgreSQL's `skip locked` hand each message to one of them.
 */
export function createMailWorker(deps: MailWorkerDeps) {
  const { store, transport, mail, secret, now } = deps;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const link = (claims: LinkClaims) => linkUrl(mail.publicUrl, signLink(secret, claims));
  const unsubscribeUrl = (m: OutboxMessage) =>
    link({ a: 'unsubscribe', e: m.recipient!, s: Number(m.payload.subscriptionId), l: m.lang });
  function moderatorLinks(m: OutboxMessage, id: number) {
    const x = now() + LINK_LIFETIME_MS;
    const act = (a: 'approve' | 'spam' | 'delete') =>
      link({ a, e: m.recipient!, c: id, l: m.lang, x });
    const reason = (m.payload.reason as HeldReason | undefined) ?? null;
    return { approve: act('approve'), spam: act('spam'), delete: act('delete'), reason };
  }

  async function loadComment(id: number | null, approvedOnly: boolean) {
    const c = id === null ? undefined : await store.getComment({ id });
    const thread = c && (await store.getThreadById({ id: c.threadId }));
    if (!c || !thread || (approvedOnly && c.status !== 'approved')) throw new Obsolete();
    const shown: MailComment & { authorEmail: string; status: string } = {
      id: c.id,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      body: c.body,
      status: c.status,
      threadUrl: thread.url,
      threadTitle: thread.title,
    };
    return shown;
  }

  async function compose(m: OutboxMessage): Promise<MailMessage> {
    const to = m.recipient!;
    const expires = now() + LINK_LIFETIME_MS;
    switch (m.kind) {
      case 'confirm': {
        const c = await loadComment(m.commentId, false);
        return confirmMail({
          to,
          lang: m.lang,
          title: c.threadTitle ?? c.threadUrl,
          url: link({ a: 'confirm', e: to, c: c.id, l: m.lang, x: expires }),
        });
      }
      case 'verify': {
        const back = typeof m.payload.url === 'string' ? { u: m.payload.url } : {};
        return verifyMail({
          to,
          lang: m.lang,
          url: link({ a: 'verify', e: to, l: m.lang, x: expires, ...back }),
        });
      }
      case 'reply':
      case 'thread':
        return notificationMail({
          to,
          lang: m.lang,
          kind: m.kind,
          comment: await loadComment(m.commentId, true),
          unsubscribeUrl: unsubscribeUrl(m),
        });
      case 'moderator': {
        const comment = await loadComment(m.commentId, false);
        return moderatorMail({ to, lang: m.lang, comment, links: moderatorLinks(m, comment.id) });
      }
      default:
        throw new Obsolete();
    }
  }

  /** `claimed`: one recipient's digest messages this worker already holds; it takes the rest of them too. */
  async function sendDigest(claimed: readonly OutboxMessage[]): Promise<void> {
    const first = claimed[0]!;
    const rest = await store.claimDigest({
      recipient: first.recipient!,
      now: now(),
      leaseMs: LEASE_MS,
    });
    const all = [...claimed, ...rest];
    const items: { comment: MailComment; links: CommentLinks }[] = [];
    for (const m of all) {
      const moderator = m.kind === 'moderator';
      const comment = await loadComment(m.commentId, !moderator).catch((err: unknown) => {
        if (err instanceof Obsolete) return null;
        throw err;
      });
      if (!comment) continue;
      const links = moderator ? moderatorLinks(m, comment.id) : { unsubscribe: unsubscribeUrl(m) };
      items.push({ comment, links });
    }
    const ids = all.map((m) => m.id);
    try {
      if (items.length > 0)
        await transport.send(digestMail({ to: first.recipient!, lang: first.lang, items }));
      await store.settleOutbox({ ids, outcome: { state: 'sent', at: now() } });
    } catch (err) {
      await store.settleOutbox({
        ids,
        outcome: {
          state: 'digest',
          dueAt: now() + retryDelayMs(mail, first.attempts),
          error: String(err),
        },
      });
      throw err;
    }
  }

  /**
   * Over the hourly limit, notifications and moderators' alerts wait for the digest (a flood of held spam
   * must not bury a moderator's inbox either) and confirmations are dropped.
   */
  async function overLimit(m: OutboxMessage): Promise<boolean> {
    const sent = await store.countSentTo({ recipient: m.recipient!, since: now() - HOUR_MS });
    if (sent < mail.perHour) return false;
    const outcome =
      m.kind === 'reply' || m.kind === 'thread' || m.kind === 'moderator'
        ? ({ state: 'digest', dueAt: now() + HOUR_MS } as const)
        : ({ state: 'dropped', error: 'over the hourly limit for this address' } as const);
    await store.settleOutbox({ ids: [m.id], outcome });
    return true;
  }

  async function handle(m: OutboxMessage): Promise<void> {
    if (m.kind === 'published') {
      await store.fanOut({ id: m.id, now: now() });
      return;
    }
    if (await overLimit(m)) return;
    let message: MailMessage;
    try {
      message = await compose(m);
    } catch (err) {
      if (!(err instanceof Obsolete)) throw err;
      await store.settleOutbox({
        ids: [m.id],
        outcome: { state: 'dropped', error: 'the comment is gone or not approved' },
      });
      return;
    }
    try {
      await transport.send(message);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await store.settleOutbox({
        ids: [m.id],
        outcome:
          m.attempts >= MAX_ATTEMPTS
            ? { state: 'failed', error }
            : { state: 'queued', dueAt: now() + retryDelayMs(mail, m.attempts), error },
      });
      throw err;
    }
    await store.settleOutbox({ ids: [m.id], outcome: { state: 'sent', at: now() } });
  }

  async function drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await store.claimOutbox({ now: now(), leaseMs: LEASE_MS, limit: BATCH });
      if (batch.length === 0) return handled;
      const digests = new Map<string, OutboxMessage[]>();
      const jobs: { what: string; run: () => Promise<void> }[] = [];
      for (const m of batch) {
        if (m.state !== 'digest') {
          jobs.push({ what: `message ${m.id} (${m.kind})`, run: () => handle(m) });
          continue;
        }
        const list = digests.get(m.recipient!);
        if (list) list.push(m);
        else {
          const own = [m];
          digests.set(m.recipient!, own);
          jobs.push({ what: `digest ${m.id}`, run: () => sendDigest(own) });
        }
      }
      for (const job of jobs) {
        await job.run().catch((err: unknown) =>
          deps.log?.({
            level: 'error',
            msg: `mail: ${job.what} not sent`,
            error: err instanceof Error ? err.message : String(err),
          }),
        );
      }
      handled += batch.length;
    }
  }

  return {
    /** Sends everything due now; resolves with how many messages it handled. One run at a time. */
    runOnce(): Promise<number> {
      running ??= drain().finally(() => {
        running = null;
      });
      return running;
    },
    /** Polls the outbox every `intervalMs` until stopped. */
    start(intervalMs = 1000): void {
      const tick = () => {
        void this.runOnce()
          .catch((err: unknown) =>
            deps.log?.({ level: 'error', msg: 'mail: outbox unreachable', error: String(err) }),
          )
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      transport.close();
    },
  };
}

export type MailWorker = ReturnType<typeof createMailWorker>;
