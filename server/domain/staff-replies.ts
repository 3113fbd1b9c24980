import type { Config } from '../config.js';
import type { EventBus } from '../events/bus.js';
import type { AdminComment } from '../schema/admin.js';
import type { StaffReplyInput } from '../schema/admin-newsroom.js';
import type { CommentStore, ThreadStore } from '../store/store.js';
import { avatarSeed } from './avatar.js';
import { DomainError } from './errors.js';
import { renderMarkdown } from './markdown.js';
import type { Notifications } from './notifications.js';
import { placeReply } from './reply-placement.js';
import type { Sites } from './sites.js';
import { toAdminComment, toPublicComment } from './views.js';
import type { SiteWebhooks } from './webhooks.js';

export interface StaffReplyDeps {
  store: CommentStore & ThreadStore;
  events: EventBus;
  config: Pick<Config, 'maxDepth'>;
  secret: string;
  now: () => number;
  webhooks: SiteWebhooks;
  /** The site a reply speaks for: its name, its webhook and moderators. */
  sites: Pick<Sites, 'forSiteId' | 'alerts'>;
  notifications?: Notifications;
}

/**
 * An admin answers a reader as the site, like WordPress's `bypostauthor`: signed with the name of the
 * thread's site (CONFAB_SITE_NAME for `default`) and marked `staff`, which only this path sets. It needs no proof of work, is never held, and may
 * answer in a closed thread.
 */
export function createStaffReplies(deps: StaffReplyDeps) {
  const { store, config, now } = deps;
  return {
    async reply(input: StaffReplyInput): Promise<AdminComment> {
      const parent = await store.getComment({ id: input.parentId });
      const thread = parent && (await store.getThreadById({ id: parent.threadId }));
      if (!parent || !thread)
        throw new DomainError('invalid_request', 'There is no such comment to reply to.', {
          parentId: 'must be a visible comment',
        });
      const placement = await placeReply(store, config.maxDepth, parent.id, thread.url);
      const [{ name }, alerts] = await Promise.all([
        deps.sites.forSiteId(thread.siteId),
        deps.sites.alerts(thread.siteId),
      ]);
      const { comment } = await store.insertComment({
        url: thread.url,
        title: null,
        ...placement,
        authorName: name,
        authorEmail: '',
        authorWebsite: null,
        avatar: avatarSeed(deps.secret, `staff:${name}`),
        body: input.body,
        html: renderMarkdown(input.body),
        status: 'approved',
        createdAt: now(),
        editTokenHash: null,
        ipHash: null,
        staff: true,
        // Readers who asked to hear of replies hear of this one too.
        mail: deps.notifications?.forNewComment({
          site: alerts,
          status: 'approved',
          email: '',
          heldBecause: null,
        }),
      });
      deps.events.publish({
        type: 'comment.created',
        url: thread.url,
        comment: toPublicComment(comment),
      });
      deps.webhooks.notify(alerts.webhook, { type: 'comment.created', comment, thread });
      return toAdminComment(comment, thread);
    },
  };
}

export type StaffReplies = ReturnType<typeof createStaffReplies>;
