import type { Config } from '../config.js';
import { LINK_LIFETIME_MS, type LinkClaims, readLink } from '../mail/links.js';
import { mailLang } from '../mail/templates/index.js';
import type { CommentStatus } from '../schema/index.js';
import type { CommentMail, CommentRecord, NewOutboxMessage, Store } from '../store/store.js';
import type { AdminService } from './admin.js';
import { DomainError } from './errors.js';
import type { HeldReason } from './moderation.js';
import type { SiteAlerts, Sites } from './sites.js';
import { hashToken, newToken } from './tokens.js';

export type NotifyChoice = 'replies' | 'thread';

export interface NotificationDeps {
  store: Store;
  config: Config;
  secret: string;
  now: () => number;
  /** Whose moderators a comment's site has. */
  sites: Pick<Sites, 'alerts'>;
}

/** What following a link did, for the page that answers the POST. */
export type LinkOutcome =
  | { action: 'confirm' | 'verify'; proof: string; back: string | null }
  | { action: 'unsubscribe' }
  | { action: 'approve' | 'spam' | 'delete'; commentId: number };

const STATUS_OF = { approve: 'approved', spam: 'spam', delete: 'deleted' } as const;
const MODERATION = new Set<LinkClaims['a']>(['approve', 'spam', 'delete']);

/**
 * Who hears of what: subscriptions and their double opt-in, moderator alerts, the mail a status change
 * causes, signed links and the proofs of a confirmed address. Decides; the store writes the outbox in the
 * same transaction as the change, and mail/worker.ts sends it.
 */
export function createNotifications(deps: NotificationDeps) {
  const { store, config, secret, now, sites } = deps;
  const mail = config.mail;

  /** The comment's site's moderators, in the site's language. */
  function moderatorAlerts(
    site: SiteAlerts,
    reason: HeldReason | null,
    status: CommentStatus,
  ): NewOutboxMessage[] {
    if (!mail || status === 'spam') return [];
    if (status !== 'pending' && site.notifyModerators !== 'all') return [];
    return site.moderators.map((to) => ({
      kind: 'moderator' as const,
      recipient: to,
      lang: site.lang,
      payload: reason ? { reason } : {},
      at: now(),
    }));
  }

  /**
   * `email` must moderate the comment `id` now: be one of its site's moderators. A moderator removed from
   * the list cannot use the links they were sent, nor one site's moderator act on another site's comment.
   * A comment that is gone is left to the action, which says so (or that the link was used).
   */
  async function requireModerator(email: string, id: number | undefined): Promise<void> {
    const comment = id === undefined ? undefined : await store.getComment({ id });
    const thread = comment && (await store.getThreadById({ id: comment.threadId }));
    if (thread && !(await sites.alerts(thread.siteId)).moderators.includes(email))
      throw new DomainError('forbidden', 'This link no longer grants moderation.');
  }

  return {
    enabled: mail !== null,

    /** The mail a new comment causes; undefined when mail is off. */
    forNewComment(c: {
      /** Its site's: who moderates it. */
      site: SiteAlerts;
      status: CommentStatus;
      email: string;
      notify?: NotifyChoice | undefined;
      lang?: string | undefined;
      heldBecause: HeldReason | null;
    }): CommentMail | undefined {
      if (!mail) return undefined;
      const outbox = moderatorAlerts(c.site, c.heldBecause, c.status);
      if (c.status === 'approved')
        outbox.push({ kind: 'published', recipient: null, lang: 'en', at: now() });
      const subscription =
        c.notify && c.status !== 'spam'
          ? { email: c.email, kind: c.notify, lang: mailLang(c.lang) }
          : null;
      return { outbox, subscription };
    },

    /** A held (or spam) comment approved now tells its subscribers then. */
    forStatusChange(before: CommentRecord, after: CommentStatus): NewOutboxMessage[] {
      if (!mail || after !== 'approved') return [];
      if (before.status !== 'pending' && before.status !== 'spam') return [];
      return [{ kind: 'published', recipient: null, lang: 'en', at: now() }];
    },

    /** The address a browser's proof belongs to, when it is a proof this server handed out. */
    async proofOwner(token: string | undefined): Promise<string | undefined> {
      if (!mail || !token) return undefined;
      return store.proofEmail({ proofHash: hashToken(token) });
    },

    /** `POST /api/verify`: one email with a link that confirms the address. */
    async requestVerification(req: { email: string; lang?: string | undefined; url?: string }) {
      if (!mail) throw new DomainError('not_found', 'Email is not set up on this server.');
      await store.enqueueMail({
        kind: 'verify',
        recipient: req.email.trim().toLowerCase(),
        lang: mailLang(req.lang),
        payload: req.url ? { url: req.url } : {},
        at: now(),
      });
    },

    /** The link's claims when this server signed it, for its purpose, and it has not expired. */
    readLink(token: string): LinkClaims {
      const claims = mail ? readLink(secret, token, now()) : null;
      if (!claims) throw new DomainError('not_found', 'This link is not valid or has expired.');
      return claims;
    },

    /**
     * Does what the link `token` (read into `claims`) is for. Every link but unsubscribe acts once: a
     * second POST (a double click, a forwarded email, a moderator's later change undone by an old
     * link) is refused with `link_used`. Unsubscribing again changes nothing, and RFC 8058 clients may
     * repeat their one click.
     */
    async follow(token: string, claims: LinkClaims, admin: AdminService): Promise<LinkOutcome> {
      if (MODERATION.has(claims.a)) await requireModerator(claims.e, claims.c);
      if (claims.a !== 'unsubscribe') {
        const first = await store.claimOnce({
          key: `mail-link:${hashToken(token)}`,
          // Past its expiry the signature check refuses the link anyway.
          expiresAt: claims.x ?? now() + LINK_LIFETIME_MS,
          now: now(),
        });
        if (!first) throw new DomainError('link_used', 'This link has already been used.');
      }
      switch (claims.a) {
        case 'confirm':
        case 'verify': {
          const proof = newToken();
          await store.confirmAddress({ email: claims.e, now: now(), proofHash: hashToken(proof) });
          let back = claims.u ?? null;
          if (claims.c !== undefined) {
            const c = await store.getComment({ id: claims.c });
            const thread = c && (await store.getThreadById({ id: c.threadId }));
            if (thread) back = `${thread.url}#comment-${claims.c}`;
          }
          return { action: claims.a, proof, back };
        }
        case 'unsubscribe':
          if (claims.s !== undefined) await store.unsubscribe({ id: claims.s, email: claims.e });
          return { action: 'unsubscribe' };
        default: {
          if (claims.c === undefined) throw new DomainError('not_found', 'No comment to act on.');
          await admin.update(claims.c, { status: STATUS_OF[claims.a] });
          return { action: claims.a, commentId: claims.c };
        }
      }
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
