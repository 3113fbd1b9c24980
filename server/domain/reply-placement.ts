import type { Store } from '../store/store.js';
import { DomainError } from './errors.js';

/**
 * Where a reply to `parentId` goes in the thread with key `threadUrl`: under its parent, or past the
 * deepest level beside it, as WordPress threads do. Readers and staff reply alike.
 */
export async function placeReply(
  store: Pick<Store, 'getComment' | 'getThreadById'>,
  maxDepth: number,
  parentId: number,
  threadUrl: string,
) {
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
  // maxDepth ≥ 2, so a parent at the deepest level is itself a reply and has a parent.
  if (parent.depth + 1 >= maxDepth && parent.parentId !== null) {
    return { parentId: parent.parentId, depth: parent.depth, rootId: parent.rootId };
  }
  return { parentId: parent.id, depth: parent.depth + 1, rootId: parent.rootId };
}
