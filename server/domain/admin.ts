import type { EventBus } from '../events/bus.js';
import type {
  AdminComment,
  AdminCommentPatch,
  AdminCommentsPage,
  AdminCommentsQuery,
  AuthorErasureResult,
  BulkInput,
  BulkResult,
  EraseResult,
  ModerationSettings,
  Stats,
} from '../schema/admin.js';
import type { CommentStatus } from '../schema/index.js';
import {
  type CommentChanges,
  type CommentRecord,
  DEFAULT_SITE_ID,
  type Store,
  type ThreadRecord,
} from '../store/store.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { DomainError } from './errors.js';
import { renderMarkdown } from './markdown.js';
import type { Notifications } from './notifications.js';
import { readerEvent } from './reader-events.js';
import type { Sites } from './sites.js';
import { requireThreadKey } from './thread-key.js';
import { toAdminComment, toPublicComment } from './views.js';
import type { SiteWebhooks } from './webhooks.js';
import type { WordListsOf } from './word-lists.js';

const STATUS_OF: Record<Exclude<BulkInput['action'], 'erase'>, CommentStatus> = {
  approve: 'approved',
  pending: 'pending',
  spam: 'spam',
  delete: 'deleted',
};

const ANONYMOUS_NAME = 'Anonymous';

export interface AdminServiceDeps {
  store: Store;
  events: EventBus;
  wordLists: WordListsOf;
  webhooks: SiteWebhooks;
  /** Whose webhook a comment's site has. */
  sites: Pick<Sites, 'alerts'>;
  now: () => number;
  /** Mail a status change causes (a held comment approved tells its subscribers then). */
  notifications?: Notifications;
}

/** Moderation: the site's admin lists, approves, holds, edits and erases comments. */
export function createAdminService(deps: AdminServiceDeps) {
  const { store, events, wordLists, webhooks, sites, now } = deps;

  /** A comment of another site is, to a site's admin, no comment at all. */
  async function requireComment(
    id: number,
    site?: string,
  ): Promise<{ comment: CommentRecord; thread: ThreadRecord }> {
    const comment = await store.getComment({ id });
    const thread = comment && (await store.getThreadById({ id: comment.threadId }));
    if (!comment || !thread || (site !== undefined && thread.siteId !== site))
      throw new DomainError('not_found', `There is no comment ${id}.`);
    return { comment, thread };
  }

  /** Tells live readers and the site's webhook what a change did. */
  async function announce(before: CommentRecord, after: CommentRecord, thread: ThreadRecord) {
    // Featuring changes no status or words, but readers see the mark come and go.
    const featuredChanged = (before.featuredAt === undefined) !== (after.featuredAt === undefined);
    const type =
      readerEvent(before.status, after.status, before.body !== after.body) ??
      (featuredChanged && after.status === 'approved' ? 'comment.updated' : null);
    if (type) {
      // A comment leaving the readers' view goes out as a placeholder: its words stay with the admin.
      const shown = type === 'comment.deleted' ? { ...after, status: 'deleted' as const } : after;
      events.publish({ type, url: thread.url, comment: toPublicComment(shown) });
    }
    if (before.status !== after.status) {
      webhooks.notify((await sites.alerts(thread.siteId)).webhook, {
        type: 'comment.status_changed',
        comment: after,
        thread,
        previousStatus: before.status,
      });
    }
  }

  async function update(
    id: number,
    patch: AdminCommentPatch,
    site?: string,
  ): Promise<AdminComment> {
    const { comment: before, thread } = await requireComment(id, site);
    // Readers would see "deleted" with nothing under it: without replies it goes, as a reader's own
    // delete does. With replies its words stay for the admin under the public placeholder.
    if (patch.status === 'deleted' && !(await store.hasReplies({ id }))) {
      await eraseLeaf(before, thread);
      return toAdminComment({ ...before, status: 'deleted' }, thread);
    }
    const changes: CommentChanges = { id };
    if (patch.status !== undefined && patch.status !== before.status) changes.status = patch.status;
    if (patch.body !== undefined && patch.body !== before.body) {
      changes.body = patch.body;
      changes.html = renderMarkdown(patch.body);
      changes.editedAt = now();
    }
    if (patch.featured !== undefined && patch.featured !== (before.featuredAt !== undefined))
      changes.featuredAt = patch.featured ? now() : null;
    const outbox =
      changes.status === undefined
        ? []
        : (deps.notifications?.forStatusChange(before, changes.status) ?? []);
    const after =
      outbox.length > 0
        ? await store.updateCommentWithMail({ changes, outbox })
        : await store.updateComment(changes);
    if (!after) throw new DomainError('not_found', `There is no comment ${id}.`);
    await announce(before, after, thread);
    return toAdminComment(after, thread);
  }

  /**
   * Removes deleted placeholders left without replies, walking up from `parentId`: with nothing under
   * them they would only tell readers that something was deleted.
   */
  async function pruneUp(parentId: number | null, thread: ThreadRecord) {
    for (let id = parentId; id !== null; ) {
      const parent = await store.getComment({ id });
      if (parent?.status !== 'deleted' || (await store.hasReplies({ id }))) return;
      await store.eraseComment({ id });
      events.publish({
        type: 'comment.deleted',
        url: thread.url,
        comment: toPublicComment(parent),
      });
      id = parent.parentId;
    }
  }

  /**
   * Erases a comment for good. One with replies becomes an empty placeholder instead (no words, no
   * author), so the replies keep their place; a placeholder left without replies goes too.
   */
  async function erase(id: number, site?: string): Promise<EraseResult> {
    const { comment, thread } = await requireComment(id, site);
    if (await store.hasReplies({ id })) {
      const placeholder = await store.updateComment({
        id,
        status: 'deleted',
        body: '',
        html: '',
        authorName: '',
        authorEmail: '',
        authorWebsite: null,
      });
      if (!placeholder) throw new DomainError('not_found', `There is no comment ${id}.`);
      await announce(comment, placeholder, thread);
      return { outcome: 'placeholder' };
    }
    await eraseLeaf(comment, thread);
    return { outcome: 'erased' };
  }

  /** Removes a comment nothing replies to, and the empty placeholders it leaves without replies. */
  async function eraseLeaf(comment: CommentRecord, thread: ThreadRecord) {
    await store.eraseComment({ id: comment.id });
    await announce(comment, { ...comment, status: 'deleted' }, thread);
    await pruneUp(comment.parentId, thread);
  }

  return {
    async list(q: AdminCommentsQuery, site?: string): Promise<AdminCommentsPage> {
      const url = q.url ? requireThreadKey(q.url) : null;
      const scope = site === undefined ? {} : { siteId: site };
      const [page, counts] = await Promise.all([
        store.listAdminComments({
          status: q.status ?? null,
          url,
          search: q.q ? q.q : null,
          after: q.cursor ? decodeCursor(q.cursor) : null,
          limit: q.limit,
          ...scope,
        }),
        store.countByStatus({ url, ...scope }),
      ]);
      return {
        comments: page.comments.map((c) =>
          toAdminComment(c, { url: c.threadUrl, title: c.threadTitle }),
        ),
        nextCursor: page.next && encodeCursor(page.next),
        counts,
      };
    },

    async stats(site?: string): Promise<Stats> {
      const scope = site === undefined ? {} : { siteId: site };
      const [counts, threads] = await Promise.all([
        store.countByStatus({ url: null, ...scope }),
        store.countThreads(scope),
      ]);
      return { counts, threads };
    },

    update,
    erase,

    /** Applies one action to many comments, one by one; replies are erased before their parents. */
    async bulk(input: BulkInput, site?: string): Promise<BulkResult> {
      const ids = [...new Set(input.ids)];
      const found = (
        await Promise.all(
          ids.map((id) =>
            requireComment(id, site).then(
              (r) => r.comment,
              () => undefined,
            ),
          ),
        )
      ).filter((c): c is CommentRecord => c !== undefined);
      const foundIds = new Set(found.map((c) => c.id));
      const done: number[] = [];
      if (input.action === 'erase') {
        for (const c of found.sort((a, b) => b.depth - a.depth || b.id - a.id)) {
          // A placeholder above may already have gone with its last reply.
          if (await store.getComment({ id: c.id })) await erase(c.id, site);
          done.push(c.id);
        }
      } else {
        const status = STATUS_OF[input.action];
        for (const c of found) {
          await update(c.id, { status }, site);
          done.push(c.id);
        }
      }
      return { done: done.sort((a, b) => a - b), missing: ids.filter((id) => !foundIds.has(id)) };
    },

    settings(site = DEFAULT_SITE_ID): Promise<ModerationSettings> {
      return wordLists(site).get();
    },

    saveSettings(next: ModerationSettings, site = DEFAULT_SITE_ID): Promise<ModerationSettings> {
      return wordLists(site).set(next);
    },

    /**
     * A person's right to erasure: their name becomes "Anonymous" and their email and website go on every
     * comment. The words stay (threads keep making sense) unless `eraseBodies`, which erases each comment
     * as the admin's erase does: placeholders where replies hang, gone everywhere else.
     */
    async eraseAuthor(email: string, eraseBodies: boolean): Promise<AuthorErasureResult> {
      return store.eraseAuthor({
        email: email.trim().toLowerCase(),
        anonymousName: ANONYMOUS_NAME,
        eraseBodies,
      });
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
