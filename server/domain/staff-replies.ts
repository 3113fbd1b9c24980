import type { Config } from '../config.js';
import type { EventBus } from '../events/bus.js';
import type { AdminComment } from '../schema/admin.js';
import type { StaffReplyInput } from '../schema/admin-newsroom.js';
import type { Store } from '../store/store.js';
import { avatarSeed } from './avatar.js';
import { DomainError } from './errors.js';
import { renderMarkdown } from './markdown.js';
import type { Notifications } from './notifications.js';
import { placeReply } from './reply-placement.js';
import { toAdminComment, toPublicComment } from './views.js';
import type { Webhooks } from './webhooks.js';

export interface StaffReplyDeps {
  store: Store;
  events: EventBus;
  config: Pick<Config, 'maxDepth' | 'siteName'>;
  secret: string;
  now: () => number;
  webhooks: Webhooks | null;
  notifications?: Notifications;
}

/**
 * An admin answers a reader as the site, like WordPress's `bypostauthor`: signed with the site's name
 * and marked `staff`, which only this path sets. It needs no proof of work, is never held, and may
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
      const { comment } = await store.insertComment({
        url: thread.url,
        title: null,
        ...placement,
        authorName: config.siteName,
        authorEmail: '',
        authorWebsite: null,
        avatar: avatarSeed(deps.secret, `staff:${config.siteName}`),
        body: input.body,
        html: renderMarkdown(input.body),
        status: 'approved',
        createdAt: now(),
        editTokenHash: null,
        ipHash: null,
        staff: true,
        // Readers who asked to hear of replies hear of this one too.
        mail: deps.notifications?.forNewComment({
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
      deps.webhooks?.notify({ type: 'comment.created', comment, thread });
      return toAdminComment(comment, thread);
    },
  };
}

export type StaffReplies = ReturnType<typeof createStaffReplies>;
