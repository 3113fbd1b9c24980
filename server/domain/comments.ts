import type { Config } from '../config.js';
import type { EventBus } from '../events/bus.js';
import type {
  CommentStatus,
  PostCommentResult,
  PowSolution,
  PublicComment,
  ThreadQuery,
  ThreadResponse,
} from '../schema/index.js';
import { LIMITS } from '../schema/limits.js';
import {
  type CommentRecord,
  DEFAULT_SITE_ID,
  DuplicateCommentError,
  type Store,
} from '../store/store.js';
import { postedAvatarSeed } from './avatar.js';
import type { Bans } from './bans.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { bodyHash } from './duplicates.js';
import { DomainError, RateLimitedError } from './errors.js';
import { createIpKeys, type IpKeys } from './ip-keys.js';
import { countLinks, renderMarkdown } from './markdown.js';
import { heldBecause, initialStatus, judgeWords, type StatusInput } from './moderation.js';
import type { Notifications, NotifyChoice } from './notifications.js';
import { createPow } from './pow.js';
import { createIpRetention } from './privacy.js';
import type { RateLimiter } from './rate-limit.js';
import { readerEvent } from './reader-events.js';
import { placeReply } from './reply-placement.js';
import type { SiteRules, Sites } from './sites.js';
import { looksLikeBot } from './spam.js';
import { renderedText } from './text-match.js';
import { createThreadCache, type LoadedPage, type ThreadCache } from './thread-cache.js';
import { requireThreadKey } from './thread-key.js';
import {
  isClosed,
  readersClosing,
  retitleDue,
  statedPublication,
  toThreadChange,
} from './threads.js';
import { hashToken, newToken, tokenMatches } from './tokens.js';
import { iso, toPublicComment } from './views.js';
import type { SiteWebhooks } from './webhooks.js';
import type { WordListsOf } from './word-lists.js';

export interface CommentServiceDeps {
  store: Store;
  events: EventBus;
  config: Config;
  /** Server secret keying avatar seeds and IP hashes. */
  secret: string;
  now: () => number;
  /** The site's moderation and block words; without them only the mode and the link count decide. */
  wordLists?: WordListsOf;
  /** Told of every new comment and status change, for the comment's site's webhook. */
  webhooks?: SiteWebhooks;
  /**
   * Thread pages as readers get them. Only safe when every write reaches it (app.ts hands the services an
   * `InvalidatingStore`); without it nothing is cached.
   */
  threadCache?: ThreadCache;
  /** Counts each comment's edits against CONFAB_MAX_EDITS; without it edits are not counted. */
  limiter?: RateLimiter;
  /** Subscriptions, alerts and verified authors; absent or disabled when mail is off. */
  notifications?: Notifications;
  /** Day keys of IP hashes, forgotten by the retention purge; one per app. */
  ipKeys?: IpKeys;
  /** Emails and addresses whose posts go quietly to spam; without it nobody is banned. */
  bans?: Bans;
  /** Which site a thread belongs to, and its rules. */
  sites: Sites;
}

/** Who is asking: the client as counted by the limits, and its address as a keyed hash (null when unknown). */
export interface ClientContext {
  ipHash: string | null;
  /** An IPv4 address or an IPv6 /64 (middleware/rate-limit.ts); a proof of work is bound to it. */
  client: string;
  /** The client's address itself, compared with address bans and never stored; null when unknown. */
  ip?: string | null;
  /** The page's origin when a browser sent the request from another site's page (middleware/cors.ts). */
  origin?: string | null;
}

/** What a validated POST carries into the domain. */
export interface NewCommentInput {
  url: string;
  title?: string | undefined;
  parentId?: number | null | undefined;
  body: string;
  author: { name: string; email: string; website?: string | undefined };
  /** The solved challenge, checked while proof of work is on. */
  pow?: PowSolution | undefined;
  /** The honeypot field. */
  hp?: string | undefined;
  notify?: NotifyChoice | undefined;
  lang?: string | undefined;
  verifyToken?: string | undefined;
  /** Kept in the author's browser; keys the avatar with the email (domain/avatar.ts). */
  authorKey?: string | undefined;
  /** The article's publication (ISO 8601), as the page states it. */
  published?: string | undefined;
}

/** Statuses a reader sees in a thread: deleted ones only as placeholders keeping their replies in place. */
const READER_STATUSES: readonly CommentStatus[] = ['approved', 'deleted'];

/** A post answers as held for moderation when it went to spam, so a bot cannot tell it was caught. */
function asSeenByPoster(c: CommentRecord): PublicComment {
  const shown = toPublicComment(c);
  return c.status === 'spam' ? { ...shown, status: 'pending' } : shown;
}

function refuseDuplicate(err: unknown): never {
  if (err instanceof DuplicateCommentError) {
    throw new DomainError('duplicate_comment', 'It looks as though you’ve already said that.');
  }
  throw err;
}

export function createCommentService(deps: CommentServiceDeps) {
  const { store, events, config, now, sites } = deps;
  const threadCache = deps.threadCache ?? createThreadCache({ maxEntries: 0 });
  const pow = createPow({
    secret: deps.secret,
    maxnumber: config.powDifficulty,
    minSubmitSeconds: config.minSubmitSeconds,
    now,
    store,
  });
  const ipRetention = createIpRetention({
    store,
    now,
    ipKeys: deps.ipKeys ?? createIpKeys({ store, now }),
  });

  /**
   * The author's own comment. Its author sees a spam comment just as a held one; anyone else gets the same
   * 404 for a held, spam, deleted or missing comment, so held comments cannot be counted. Only a comment
   * the public can see anyway answers a wrong token with 403.
   */
  /** The rules of the site a stored comment's thread belongs to. */
  async function rulesOfThread(threadId: number): Promise<SiteRules> {
    const thread = await store.getThreadById({ id: threadId });
    return (await sites.forSiteId(thread?.siteId ?? DEFAULT_SITE_ID)).rules;
  }

  async function requireOwnComment(
    id: number,
    token: string,
  ): Promise<CommentRecord & { editWindowSeconds: number }> {
    const comment = await store.getComment({ id });
    const own =
      comment && comment.status !== 'deleted' && tokenMatches(token, comment.editTokenHash);
    if (!own) {
      if (comment?.status === 'approved')
        throw new DomainError(
          'forbidden',
          'You can only change your own comments, from the browser you posted them with.',
        );
      throw new DomainError('not_found', 'That comment does not exist.');
    }
    const { editWindowSeconds } = await rulesOfThread(comment.threadId);
    if (now() > comment.createdAt + editWindowSeconds * 1000) {
      throw new DomainError(
        'edit_window_closed',
        'The time to edit or delete this comment has passed.',
      );
    }
    return { ...comment, editWindowSeconds };
  }

  /** Spends one of the comment's edits; past CONFAB_MAX_EDITS the author must wait for the window to end. */
  async function spendEdit(comment: CommentRecord & { editWindowSeconds: number }) {
    if (!deps.limiter || config.maxEditsPerComment === 0) return;
    const windowSeconds = Math.max(1, comment.editWindowSeconds);
    const decision = await deps.limiter.hit(
      `edits:${comment.id}`,
      [{ max: config.maxEditsPerComment, windowSeconds }],
      now(),
    );
    if (!decision.allowed)
      throw new RateLimitedError(
        `A comment can be edited ${config.maxEditsPerComment} times at most.`,
        decision.retryAfterSeconds,
      );
  }

  /** What the site's rules make of a comment's text: the same for a new post and for an edit. */
  async function rulesFor(
    rules: SiteRules,
    text: {
      body: string;
      html: string;
      name: string;
      email: string;
      website: string | null | undefined;
    },
    /** Whether the author has proved themselves; by default, an approved comment under this email. */
    knownAuthor?: boolean,
  ): Promise<StatusInput> {
    return {
      mode: rules.moderation,
      maxLinks: rules.maxLinks,
      links: countLinks(text.html),
      knownAuthor:
        rules.moderation === 'first-time' &&
        (knownAuthor ?? (await store.hasApprovedComment({ email: text.email }))),
      words:
        deps.wordLists &&
        judgeWords(await deps.wordLists(rules.siteId).matchers(), [
          renderedText(text.html),
          text.body,
          text.name,
          text.email,
          text.website,
        ]),
    };
  }

  /** An edit never frees a held comment, and spam stays spam; otherwise the rules judge the new text. */
  function statusAfterEdit(before: CommentStatus, judged: CommentStatus): CommentStatus {
    if (before === 'spam' || judged === 'spam') return 'spam';
    if (before === 'pending') return 'pending';
    return judged;
  }

  async function loadPage(url: string, q: ThreadQuery): Promise<LoadedPage> {
    const page = await store.getThreadPage({
      url,
      sort: q.sort,
      limit: q.limit,
      after: q.cursor ? decodeCursor(q.cursor, q.sort) : null,
      statuses: READER_STATUSES,
      featuredLimit: LIMITS.featuredMax,
    });
    const t = page.thread;
    const closing = readersClosing(t ?? undefined, config.closeAfterDays, now());
    return {
      threadId: t?.id ?? null,
      response: {
        thread: { url, title: t?.title ?? null, count: page.count, ...toThreadChange(closing) },
        comments: page.comments.map(toPublicComment),
        featured: page.featured.map(toPublicComment),
        nextCursor: page.next && encodeCursor(page.next),
      },
      // An open thread's page turns stale the moment the age rule closes it, with no write to tell.
      ...(closing.closesAt !== null && { expiresAt: closing.closesAt }),
    };
  }

  async function threadUrlOf(c: CommentRecord): Promise<string | undefined> {
    return (await store.getThreadById({ id: c.threadId }))?.url;
  }

  /** A browser's page may change a comment only from one of the comment's site's origins. */
  async function checkOrigin(c: CommentRecord, origin: string | null) {
    const url = await threadUrlOf(c);
    if (url !== undefined) await sites.forThread(url, origin);
  }

  async function announce(
    type: 'comment.created' | 'comment.updated' | 'comment.deleted',
    c: CommentRecord,
    url?: string,
  ) {
    if (c.status === 'pending' || c.status === 'spam') return;
    const threadUrl = url ?? (await threadUrlOf(c));
    if (threadUrl) events.publish({ type, url: threadUrl, comment: toPublicComment(c) });
  }

  async function notifyStatusChange(before: CommentRecord, after: CommentRecord) {
    if (!deps.webhooks) return;
    const thread = await store.getThreadById({ id: before.threadId });
    if (thread)
      deps.webhooks.notify((await sites.alerts(thread.siteId)).webhook, {
        type: 'comment.status_changed',
        comment: after,
        thread,
        previousStatus: before.status,
      });
  }

  return {
    /**
     * A page as readers get it, kept in the thread cache until the thread changes: the same value for
     * every reader until then, which the HTTP layer serialises once.
     */
    async readThread(q: ThreadQuery, origin: string | null = null): Promise<ThreadResponse> {
      const url = requireThreadKey(q.url);
      await sites.forThread(url, origin);
      if (q.cursor) decodeCursor(q.cursor, q.sort);
      return threadCache.get({ url, sort: q.sort, cursor: q.cursor ?? null, limit: q.limit }, () =>
        loadPage(url, q),
      );
    },

    /** Counts keyed by each URL as asked; addresses of one thread share its count. */
    async counts(
      urls: readonly string[],
      origin: string | null = null,
    ): Promise<Record<string, number>> {
      const keys = urls.map((u) => requireThreadKey(u));
      for (const key of new Set(keys)) await sites.forThread(key, origin);
      const byKey = await store.countApproved({ urls: [...new Set(keys)] });
      return Object.fromEntries(urls.map((u, i) => [u, byKey.get(keys[i]!) ?? 0]));
    },

    async post(input: NewCommentInput, ctx: ClientContext): Promise<PostCommentResult> {
      const url = requireThreadKey(input.url);
      const site = await sites.forThread(url, ctx.origin ?? null);
      const existing = await store.getThread({ url });
      const publishedAt = statedPublication(input.published, now());
      if (isClosed(existing, config.closeAfterDays, now(), publishedAt))
        throw new DomainError('thread_closed', 'Comments are closed on this page.');
      const placement = input.parentId
        ? await placeReply(store, config.maxDepth, input.parentId, url)
        : { parentId: null, depth: 0, rootId: null };
      const proof = config.pow ? pow.verify(input.pow, { url, client: ctx.client }) : null;
      const bot = looksLikeBot(
        { honeypot: input.hp, challengeIssuedAt: proof?.issuedAt ?? null, now: now() },
        { honeypot: config.honeypot, minSubmitSeconds: config.minSubmitSeconds },
      );
      const email = input.author.email.trim().toLowerCase();
      const html = renderMarkdown(input.body);
      const notifications = deps.notifications?.enabled ? deps.notifications : null;
      const verified =
        notifications !== null && (await notifications.proofOwner(input.verifyToken)) === email;
      // With mail on, an address proves itself only through its link: anyone can type a regular's email.
      const rules = await rulesFor(
        site.rules,
        { body: input.body, html, name: input.author.name, email, website: input.author.website },
        notifications ? verified : undefined,
      );
      // A banned poster is answered as a held one (asSeenByPoster), so they cannot tell.
      const banned = (await deps.bans?.bans(email, ctx.ip ?? null)) === true;
      const status: CommentStatus = bot || banned ? 'spam' : initialStatus(rules);
      const title = input.title?.trim() || null;
      const token = newToken();
      const createdAt = now();
      if (proof && input.pow) await pow.claim(input.pow);
      await ipRetention.maybePurge();
      const { comment, thread } = await store
        .insertComment({
          url,
          title,
          retitle: retitleDue(existing, title, createdAt),
          siteId: site.id,
          publishedAt,
          ...placement,
          authorName: input.author.name.trim(),
          authorEmail: email,
          authorWebsite: input.author.website?.trim() || null,
          avatar: postedAvatarSeed(deps.secret, email, input.authorKey ?? null),
          body: input.body,
          html,
          status,
          createdAt,
          editTokenHash: hashToken(token),
          ipHash: ctx.ipHash,
          // A bot's repeats all go quietly to spam rather than earning a telling 409.
          bodyHash: bot
            ? null
            : bodyHash(deps.secret, { email, parentId: input.parentId ?? null, body: input.body }),
          ...(verified ? { verified: true as const } : {}),
          mail: notifications?.forNewComment({
            site: site.alerts,
            status,
            email,
            notify: input.notify,
            lang: input.lang,
            heldBecause: heldBecause(rules),
          }),
        })
        .catch(refuseDuplicate);
      await announce('comment.created', comment, url);
      deps.webhooks?.notify(site.alerts.webhook, { type: 'comment.created', comment, thread });
      return {
        comment: asSeenByPoster(comment),
        editToken: token,
        editableUntil: iso(createdAt + site.rules.editWindowSeconds * 1000),
      };
    },

    async edit(
      id: number,
      token: string,
      body: string,
      origin: string | null = null,
    ): Promise<PublicComment> {
      const before = await requireOwnComment(id, token);
      await checkOrigin(before, origin);
      await spendEdit(before);
      const html = renderMarkdown(body);
      const status = statusAfterEdit(
        before.status,
        initialStatus(
          await rulesFor(await rulesOfThread(before.threadId), {
            body,
            html,
            name: before.authorName,
            email: before.authorEmail,
            website: before.authorWebsite,
          }),
        ),
      );
      const updated = await store.updateComment({
        id,
        body,
        html,
        editedAt: now(),
        ...(status !== before.status && { status }),
      });
      if (!updated) throw new DomainError('not_found', 'That comment does not exist.');
      const type = readerEvent(before.status, updated.status, true);
      // A comment the rules now hold leaves the readers' pages as a placeholder would: its words stay here.
      const shown =
        type === 'comment.deleted' ? { ...updated, status: 'deleted' as const } : updated;
      if (type) await announce(type, shown);
      if (status !== before.status) await notifyStatusChange(before, updated);
      return asSeenByPoster(updated);
    },

    async remove(id: number, token: string, origin: string | null = null): Promise<void> {
      const comment = await requireOwnComment(id, token);
      const url = await threadUrlOf(comment);
      await checkOrigin(comment, origin);
      if (await store.hasReplies({ id })) {
        // Replies keep their place under a placeholder; the words and the author are gone.
        const placeholder = await store.updateComment({
          id,
          status: 'deleted',
          body: '',
          html: '',
          authorName: '',
          authorWebsite: null,
        });
        if (placeholder) {
          await announce('comment.deleted', placeholder, url);
          await notifyStatusChange(comment, placeholder);
        }
        return;
      }
      await store.eraseComment({ id });
      await announce('comment.deleted', { ...comment, status: 'deleted' }, url);
      await notifyStatusChange(comment, { ...comment, status: 'deleted' });
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
