import type { ReactiveController } from 'lit';
import type { PublicComment } from '../../server/schema/index.js';
import { deleteComment, editComment } from '../api/calls.js';
import { ApiError, type ApiErrorCode } from '../api/client.js';
import { type OwnComment, type OwnComments, readOwn, writeOwn } from '../api/storage.js';
import { clock } from '../clock.js';
import {
  type ActionKind,
  type CommentActions,
  focusInComment,
} from '../comment/comment-actions.js';
import type { TextKey } from '../i18n/en.js';
import type { ReaderHost } from '../thread/reader-controller.js';
import type { ThreadController } from '../thread/thread-controller.js';
import { drop, replace } from '../thread/thread-edits.js';

/** Edit or Delete, open on one comment. */
interface Action {
  id: number;
  kind: 'edit' | 'delete';
  busy: boolean;
  error: ApiErrorCode | null;
}

const actionErrors: Partial<Record<ApiErrorCode, TextKey>> = {
  edit_window_closed: 'errorEditClosed',
  forbidden: 'errorForbidden',
  unauthorized: 'errorForbidden',
  not_found: 'errorGone',
  network: 'errorNetwork',
};

/**
 * What an author without an account can do: Edit and Delete their own comments (known by the tokens this
 * browser keeps) until the edit window closes, and see their comments held for moderation.
 */
export class AuthorTools implements ReactiveController {
  /** This browser's own comments on the thread's server. */
  own: OwnComments = {};
  action: Action | null = null;

  readonly #host: ReaderHost;
  readonly #thread: ThreadController;
  /** Forgets the timer of the window closing next on the author's comments. */
  #cancelExpiry = () => {};

  constructor(host: ReaderHost, thread: ThreadController) {
    this.#host = host;
    this.#thread = thread;
    host.addController(this);
  }

  hostConnected() {
    this.#schedule();
  }

  hostDisconnected() {
    this.#cancelExpiry();
  }

  /** Reads what this browser keeps (it changes when the author posts, here or in another tab). */
  read() {
    this.own = readOwn(this.#thread.source.server);
    this.#schedule();
  }

  /** Puts the author's held comments back into a freshly loaded thread. */
  restore() {
    this.read();
    const thread = this.#thread;
    this.settle(thread.comments);
    const { url } = thread.source;
    for (const own of Object.values(this.own))
      if (own.pending && own.url === url) thread.add(own.pending);
  }

  /** Held comments the server now shows need no keeping any more. */
  settle(comments: PublicComment[]) {
    const settled = comments.filter((c) => this.own[c.id]?.pending);
    for (const c of settled) this.own[c.id]!.pending = undefined;
    if (settled.length) writeOwn(this.#thread.source.server, this.own);
  }

  /** What comment `id` shows of Edit and Delete: nothing unless it is the reader's own and still theirs to change. */
  state(id: number): Pick<CommentActions, 'own' | 'open' | 'busy' | 'error' | 'body'> {
    const own = this.own[id];
    const action = this.action?.id === id ? this.action : null;
    const error = action?.error ? (actionErrors[action.error] ?? 'errorChange') : null;
    return {
      own: !!own && (own.until > clock.now() || !!error),
      open: action?.kind ?? null,
      busy: !!action?.busy,
      error,
      body: own?.body ?? '',
    };
  }

  /** The reader pressed one of comment `id`'s Edit, Delete, Save, Yes or No (Cancel). */
  act(kind: ActionKind, id: number, body: string) {
    if (kind === 'edit' || kind === 'delete') return this.#open(id, kind);
    if (kind === 'cancel') return this.#close(id);
    if (kind === 'save') return this.#save(id, body);
    if (kind === 'confirm') return this.#delete(id);
  }

  /** Re-renders when the next edit window closes, so Edit and Delete go on time. */
  #schedule() {
    this.#cancelExpiry();
    const now = clock.now();
    const next = Math.min(
      ...Object.values(this.own).map((o) => (o.until > now ? o.until : Infinity)),
    );
    if (next === Infinity || !this.#host.isConnected) return;
    // setTimeout holds at most about 24 days.
    this.#cancelExpiry = clock.after(Math.min(next - now, 2 ** 31 - 1), () => {
      this.#host.requestUpdate();
      this.#schedule();
    });
  }

  async #open(id: number, kind: Action['kind']) {
    this.action = { id, kind, busy: false, error: null };
    await focusInComment(this.#host, id, kind === 'edit' ? `#editor-${id}` : `#no-${id}`);
  }

  /** Closes the editor or the question, and focus goes back to the button that opened it. */
  async #close(id: number) {
    const kind = this.action?.kind ?? 'edit';
    this.action = null;
    await focusInComment(this.#host, id, `#${kind}-${id}`);
  }

  async #save(id: number, body: string) {
    await this.#act(id, async (server, own) => {
      const { comment } = await editComment(server, id, own.token, body);
      own.body = body;
      if (own.pending) own.pending = comment;
      replace(this.#thread, comment);
    });
    if (!this.action) await focusInComment(this.#host, id, `#edit-${id}`);
  }

  async #delete(id: number) {
    await this.#act(id, async (server, own) => {
      await deleteComment(server, id, own.token);
      delete this.own[id];
      drop(this.#thread, id);
    });
  }

  /** Runs an edit or a deletion with the comment's token; a refusal is told beside the comment. */
  async #act(id: number, change: (server: string, own: OwnComment) => Promise<void>) {
    const own = this.own[id];
    const action = this.action;
    if (!own || !action || action.busy) return;
    action.busy = true;
    this.#host.requestUpdate();
    const { server } = this.#thread.source;
    try {
      await change(server, own);
      writeOwn(server, this.own);
      this.action = null;
    } catch (e) {
      action.busy = false;
      action.error = e instanceof ApiError ? e.code : 'network';
      // The server's clock has the last word: Edit and Delete go once the reader has read why.
      if (action.error === 'edit_window_closed') {
        own.until = 0;
        writeOwn(server, this.own);
      }
    }
    this.#host.requestUpdate();
  }
}
