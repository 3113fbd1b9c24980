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
import { type CommentRecord, DuplicateCommentError, type Store } from '../store/store.js';
import { postedAvatarSeed } from './avatar.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { bodyHash } from './duplicates.js';
import { DomainError } from './errors.js';
import { createIpKeys, type IpKeys } from './ip-keys.js';
import { countLinks, renderMarkdown } from './markdown.js';
import { initialStatus, judgeWords } from './moderation.js';
import { createPow } from './pow.js';
import { createIpRetention } from './privacy.js';
import { looksLikeBot } from './spam.js';
import {
  type CachedPage,
  createThreadCache,
  type Encoding,
  type LoadedPage,
  type ThreadCache,
} from './thread-cache.js';
import { hashToken, newToken, tokenMatches } from './tokens.js';
import { threadKey } from './url-key.js';
import type { Webhooks } from './webhooks.js';
import type { WordLists } from './word-lists.js';

export interface CommentServiceDeps {
  store: Store;
  events: EventBus;
  config: Config;
  /** Server secret keying avatar seeds and IP hashes. */
  secret: string;
  now: () => number;
  /** The site's moderation and block words; without them only the mode and the link count decide. */
  wordLists?: WordLists;
  /** Told of every new comment and status change; null when no webhook is configured. */
  webhooks?: Webhooks | null;
  /**
   * Serialised thread pages. Only safe when every write reaches it (app.ts hands the services a store
   * wrapped by `invalidatingStore`); without it nothing is cached.
   */
  threadCache?: ThreadCache;
  /** Day keys of IP hashes, forgotten by the retention purge; one per app. */
  ipKeys?: IpKeys;
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
  /** Kept in the author's browser; keys the avatar with the email (domain/avatar.ts). */
  authorKey?: string | undefined;
}

/** Statuses a reader sees in a thread: deleted ones only as placeholders keeping their replies in place. */
const READER_STATUSES: readonly CommentStatus[] = ['approved', 'deleted'];

const iso = (ms: number) => new Date(ms).toISOString();

/** The only way a comment leaves the server for the public: no email, IP hash or token can slip out. */
export function toPublicComment(c: CommentRecord): PublicComment {
  const deleted = c.status === 'deleted';
  return {
    id: c.id,
    parentId: c.parentId,
    author: deleted
      ? { name: '', website: null, avatar: '' }
      : { name: c.authorName, website: c.authorWebsite, avatar: c.avatar },
    html: deleted ? '' : c.html,
    createdAt: iso(c.createdAt),
    editedAt: c.editedAt === null ? null : iso(c.editedAt),
    status: c.status,
  };
}

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

function requireThreadKey(url: string): string {
  const key = threadKey(url);
  if (!key)
    throw new DomainError('invalid_request', 'The page address is not valid.', {
      url: 'must be an absolute http or https address',
    });
  return key;
}

export function createCommentService(deps: CommentServiceDeps) {
  const { store, events, config, now } = deps;
  const threadCache = deps.threadCache ?? createThreadCache({ maxEntries: 0 });
  const pow = createPow({ secret: deps.secret, maxnumber: config.powDifficulty, now, store });
  const ipRetention = createIpRetention({
    store,
    now,
    ipKeys: deps.ipKeys ?? createIpKeys({ store, now }),
  });

  async function placeReply(parentId: number, threadUrl: string) {
    const parent = await store.getComment({ id: parentId });
    const thread = parent && (await store.getThreadById({ id: parent.threadId }));
    if (!parent || !thread || thread.url !== threadUrl || parent.status !== 'approved') {
      throw new DomainError(
        'invalid_request',
        'The comment you are replying to is not in this thread.',
        {
          parentId: 'must be a visible comment of the same thread',
        },
      );
    }
    // Past the deepest level a reply joins its parent's level, as WordPress threads do.
    // maxDepth ≥ 2, so a parent at the deepest level is itself a reply and has a parent.
    if (parent.depth + 1 >= config.maxDepth && parent.parentId !== null) {
      return { parentId: parent.parentId, depth: parent.depth, rootId: parent.rootId };
    }
    return { parentId: parent.id, depth: parent.depth + 1, rootId: parent.rootId };
  }

  async function requireOwnComment(id: number, token: string): Promise<CommentRecord> {
    const comment = await store.getComment({ id });
    if (!comment || comment.status === 'deleted' || comment.status === 'spam') {
      throw new DomainError('not_found', 'That comment does not exist.');
    }
    if (!tokenMatches(token, comment.editTokenHash)) {
      throw new DomainError(
        'forbidden',
        'You can only change your own comments, from the browser you posted them with.',
      );
    }
    if (now() > comment.createdAt + config.editWindowSeconds * 1000) {
      throw new DomainError(
        'edit_window_closed',
        'The time to edit or delete this comment has passed.',
      );
    }
    return comment;
  }

  async function loadPage(url: string, q: ThreadQuery): Promise<LoadedPage> {
    const page = await store.getThreadPage({
      url,
      sort: q.sort,
      limit: q.limit,
      after: q.cursor ? decodeCursor(q.cursor) : null,
      statuses: READER_STATUSES,
    });
    return {
      threadId: page.thread?.id ?? null,
      response: {
        thread: { url, title: page.thread?.title ?? null, count: page.count },
        comments: page.comments.map(toPublicComment),
        nextCursor: page.next && encodeCursor(page.next),
      },
    };
  }

  async function threadUrlOf(c: CommentRecord): Promise<string | undefined> {
    return (await store.getThreadById({ id: c.threadId }))?.url;
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
      deps.webhooks.notify({
        type: 'comment.status_changed',
        comment: after,
        thread,
        previousStatus: before.status,
      });
  }

  return {
    async readThread(q: ThreadQuery): Promise<ThreadResponse> {
      const url = requireThreadKey(q.url);
      return (await loadPage(url, q)).response;
    },

    /** The page as readers get it, serialised once and kept in the thread cache until the thread changes. */
    async readThreadPage(q: ThreadQuery): Promise<CachedPage> {
      const url = requireThreadKey(q.url);
      if (q.cursor) decodeCursor(q.cursor);
      return threadCache.get({ url, sort: q.sort, cursor: q.cursor ?? null, limit: q.limit }, () =>
        loadPage(url, q),
      );
    },

    /** The page's bytes compressed for the wire, made once per page; null when too small to bother. */
    encodedThreadPage(page: CachedPage, encoding: Encoding): Uint8Array | null {
      return threadCache.encoded(page, encoding);
    },

    /** Counts keyed by each URL as asked; addresses of one thread share its count. */
    async counts(urls: readonly string[]): Promise<Record<string, number>> {
      const keys = urls.map((u) => requireThreadKey(u));
      const byKey = await store.countApproved({ urls: [...new Set(keys)] });
      return Object.fromEntries(urls.map((u, i) => [u, byKey.get(keys[i]!) ?? 0]));
    },

    async post(input: NewCommentInput, ctx: { ipHash: string | null }): Promise<PostCommentResult> {
      const url = requireThreadKey(input.url);
      const placement = input.parentId
        ? await placeReply(input.parentId, url)
        : { parentId: null, depth: 0, rootId: null };
      const proof = config.pow ? pow.verify(input.pow) : null;
      const bot = looksLikeBot(
        { honeypot: input.hp, challengeIssuedAt: proof?.issuedAt ?? null, now: now() },
        { honeypot: config.honeypot, minSubmitSeconds: config.minSubmitSeconds },
      );
      const email = input.author.email.trim().toLowerCase();
      const html = renderMarkdown(input.body);
      const status: CommentStatus = bot
        ? 'spam'
        : initialStatus({
            mode: config.moderation,
            maxLinks: config.maxLinks,
            links: countLinks(html),
            knownAuthor:
              config.moderation === 'first-time' && (await store.hasApprovedComment({ email })),
            words:
              deps.wordLists &&
              judgeWords(await deps.wordLists.matchers(), [
                input.body,
                input.author.name,
                email,
                input.author.website,
              ]),
          });
      const token = newToken();
      const createdAt = now();
      if (proof && input.pow) await pow.claim(input.pow);
      await ipRetention.maybePurge();
      const { comment, thread } = await store
        .insertComment({
          url,
          title: input.title?.trim() || null,
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
        })
        .catch(refuseDuplicate);
      await announce('comment.created', comment, url);
      deps.webhooks?.notify({ type: 'comment.created', comment, thread });
      return {
        comment: asSeenByPoster(comment),
        editToken: token,
        editableUntil: iso(createdAt + config.editWindowSeconds * 1000),
      };
    },

    async edit(id: number, token: string, body: string): Promise<PublicComment> {
      await requireOwnComment(id, token);
      const updated = await store.updateComment({
        id,
        body,
        html: renderMarkdown(body),
        editedAt: now(),
      });
      if (!updated) throw new DomainError('not_found', 'That comment does not exist.');
      await announce('comment.updated', updated);
      return toPublicComment(updated);
    },

    async remove(id: number, token: string): Promise<void> {
      const comment = await requireOwnComment(id, token);
      const url = await threadUrlOf(comment);
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
