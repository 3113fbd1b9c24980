import { html, nothing } from 'lit';
import type { PublicComment } from '../../server/schema/index.js';
import { likeComment } from '../api/calls.js';
import { likeKey, readLiked, writeLiked } from '../api/storage.js';
import type { Format } from '../i18n/format.js';
import type { ReaderHost } from '../thread/reader-controller.js';
import type { ThreadController } from '../thread/thread-controller.js';
import { replace } from '../thread/thread-edits.js';

/**
 * The Like button under each comment, without an account: the browser's own key makes one like per
 * comment, and which comments it likes is kept here, in the browser (the server cannot tell). Other
 * readers' likes arrive as live updates of the comment.
 */
export class LikeTools {
  readonly #host: ReaderHost;
  readonly #thread: ThreadController;
  #liked: Set<number> | undefined;
  readonly #busy = new Set<number>();
  /** The comment whose like could not be saved, told beside it. */
  #failed: number | null = null;

  constructor(host: ReaderHost, thread: ThreadController) {
    this.#host = host;
    this.#thread = thread;
  }

  render(comment: PublicComment, fmt: Format) {
    if (comment.status !== 'approved') return nothing;
    const { id, likes } = comment;
    this.#liked ??= readLiked(this.#thread.source.server);
    return html`<button
        part="like-button"
        aria-pressed=${this.#liked.has(id) ? 'true' : 'false'}
        aria-describedby=${likes ? `likes-${id}` : nothing}
        aria-disabled=${this.#busy.has(id) ? 'true' : nothing}
        @click=${() => this.#toggle(comment)}
      >${fmt.t('like')}</button
      >${likes ? html`<span part="like-count" id="likes-${id}">${fmt.plural('likes', likes)}</span>` : nothing}${
        this.#failed === id
          ? html`<span part="action-error" role="alert">${fmt.t('likeFailed')}</span>`
          : nothing
      }`;
  }

  async #toggle({ id }: PublicComment) {
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
