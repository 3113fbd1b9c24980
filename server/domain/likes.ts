import type { EventBus } from '../events/bus.js';
import type { LikeResult } from '../schema/likes.js';
import type { Store } from '../store/store.js';
import { DomainError } from './errors.js';
import type { Sites } from './sites.js';
import { keyedHash } from './tokens.js';
import { toPublicComment } from './views.js';

export interface LikeDeps {
  store: Pick<Store, 'getComment' | 'getThreadById' | 'setLike'>;
  /** A browser's page must be one of the comment's site's origins. */
  sites: Pick<Sites, 'forThread'>;
  events: EventBus;
  secret: string;
  now: () => number;
}

/**
 * Likes without accounts: one per browser per comment, the browser known by a random key it keeps. The
 * key is stored only as a keyed hash that also covers the comment, so a database copy can neither
 * replay a browser's likes nor tell which comments one browser liked.
 */
export function createLikes({ store, sites, events, secret, now }: LikeDeps) {
  return {
    async set(
      id: number,
      key: string,
      liked: boolean,
      origin: string | null = null,
    ): Promise<LikeResult> {
      const before = await store.getComment({ id });
      // Held, spam and deleted comments are not there for readers to like.
      if (before?.status !== 'approved')
        throw new DomainError('not_found', 'That comment does not exist.');
      const thread = await store.getThreadById({ id: before.threadId });
      if (thread) await sites.forThread(thread.url, origin);
      const after = await store.setLike({
        commentId: id,
        voterHash: keyedHash(secret, 'like', `${id}\0${key}`),
        liked,
        now: now(),
      });
      if (!after) throw new DomainError('not_found', 'That comment does not exist.');
      if (after.likes !== before.likes) {
        const thread = await store.getThreadById({ id: after.threadId });
        if (thread)
          events.publish({
            type: 'comment.updated',
            url: thread.url,
            comment: toPublicComment(after),
          });
      }
      return { likes: after.likes, liked };
    },
  };
}

export type Likes = ReturnType<typeof createLikes>;
