import { html, nothing, type ReactiveController } from 'lit';
import type { PublicComment } from '../../server/schema/index.js';
import { LIMITS } from '../../server/schema/limits.js';
import { deleteComment, editComment } from '../api/calls.js';
import { ApiError, type ApiErrorCode } from '../api/client.js';
import { type OwnComment, type OwnComments, readOwn, writeOwn } from '../api/storage.js';
import { clock } from '../clock.js';
import type { TextKey } from '../i18n/en.js';
import type { Format } from '../i18n/format.js';
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

  /** Edit and Delete, the editor or the question, for comment `id` when it is the reader's own. */
  render(id: number, fmt: Format) {
    const own = this.own[id];
    const action = this.action?.id === id ? this.action : null;
    if (!own || (own.until <= clock.now() && !action?.error)) return nothing;
    const error = action?.error
      ? html`<p part="action-error" role="alert">${fmt.t(actionErrors[action.error] ?? 'errorChange')}</p>`
      : nothing;
    const busy = action?.busy ? 'true' : nothing;
    if (action?.kind === 'edit') {
      return html`<form part="editor" @submit=${(e: SubmitEvent) => this.#save(e, id)}>
        <textarea id="editor-${id}" part="textarea" aria-label=${fmt.t('editLabel')} rows="6" required
          maxlength=${LIMITS.bodyMax} .value=${own.body}></textarea>
        <button part="save" aria-disabled=${busy}>${fmt.t('save')}</button>
        <button type="button" part="cancel" @click=${() => this.#close(`#edit-${id}`)}>${fmt.t('cancel')}</button>
        ${error}
      </form>`;
    }
    if (action?.kind === 'delete') {
      return html`<p part="confirm">
          <span id="ask-${id}">${fmt.t('confirmDelete')}</span>
          <button part="yes" aria-disabled=${busy} @click=${() => this.#delete(id)}>${fmt.t('yes')}</button>
          <button id="no-${id}" part="no" aria-describedby="ask-${id}" @click=${() => this.#close(`#delete-${id}`)}>
            ${fmt.t('no')}
          </button>
        </p>
        ${error}`;
    }
    return html`<button id="edit-${id}" part="edit-button" @click=${() => this.#open(id, 'edit', `#editor-${id}`)}>
        ${fmt.t('edit')}</button
      ><button id="delete-${id}" part="delete-button" @click=${() => this.#open(id, 'delete', `#no-${id}`)}>
        ${fmt.t('delete')}
      </button>
      ${error}`;
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

  async #open(id: number, kind: Action['kind'], focus: string) {
    this.action = { id, kind, busy: false, error: null };
    await this.#focus(focus);
  }

  async #close(focus: string) {
    this.action = null;
    await this.#focus(focus);
  }

  async #focus(selector: string) {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #save(e: SubmitEvent, id: number) {
    e.preventDefault();
    const body = (e.target as HTMLFormElement).querySelector('textarea')!.value;
    await this.#act(id, async (server, own) => {
      const { comment } = await editComment(server, id, own.token, body);
      own.body = body;
      if (own.pending) own.pending = comment;
      replace(this.#thread, comment);
    });
    if (!this.action) await this.#focus(`#edit-${id}`);
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
