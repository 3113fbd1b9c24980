import { likeComment } from '../api/calls.js';
import { likeKey, readLiked, writeLiked } from '../api/storage.js';
import type { ReaderHost } from '../thread/reader-controller.js';
import type { ThreadController } from '../thread/thread-controller.js';
import { replace } from '../thread/thread-edits.js';
import type { CommentActions } from './comment-actions.js';

/**
 * Likes without an account: the browser's own key makes one like per comment, and which comments it likes
 * is kept here, in the browser (the server cannot tell). Other readers' likes arrive as live updates of the
 * comment.
 */
export class LikeTools {
  readonly #host: ReaderHost;
  readonly #thread: ThreadController;
  /** None until `read`: a server-rendered thread shows none liked until it has hydrated, as the server drew it. */
  #liked: Set<number> | undefined;
  readonly #busy = new Set<number>();
  /** The comment whose like could not be saved, told beside it. */
  #failed: number | null = null;

  constructor(host: ReaderHost, thread: ThreadController) {
    this.#host = host;
    this.#thread = thread;
  }

  /** Reads which comments this browser likes, once: from then on this keeps them. */
  read() {
    this.#liked ??= readLiked(this.#thread.source.server);
  }

  state(id: number): Pick<CommentActions, 'liked' | 'likeBusy' | 'likeFailed'> {
    return {
      liked: !!this.#liked?.has(id),
      likeBusy: this.#busy.has(id),
      likeFailed: this.#failed === id,
    };
  }

  async toggle(id: number) {
    this.read();
    const liked = this.#liked!;
    if (this.#busy.has(id)) return;
    this.#busy.add(id);
    this.#failed = null;
    this.#host.requestUpdate();
    const { server } = this.#thread.source;
    const want = !liked.has(id);
    try {
      const result = await likeComment(server, id, likeKey(), want);
      if (want) liked.add(id);
      else liked.delete(id);
      writeLiked(server, liked);
      const shown = this.#thread.comments.find((c) => c.id === id);
      if (shown) replace(this.#thread, { ...shown, likes: result.likes });
    } catch {
      this.#failed = id;
    }
    this.#busy.delete(id);
    this.#host.requestUpdate();
  }
}
