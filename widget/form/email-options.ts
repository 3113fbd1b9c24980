import { html, isServer, nothing } from 'lit';
import { requestVerification } from '../api/calls.js';
import { readAuthor, writeProof } from '../api/storage.js';
import type { ReplyForm } from './reply-form.js';

/** Whether each server sends mail: known before the thread's first render, so the form never grows later. */
const mailOn = new Map<string, boolean>();

/**
 * Says whether `server` sends mail: the thread asks GET /api/features alongside the thread itself; the
 * server renderer knows its own configuration, and a server-rendered thread says so (its `mail` attribute),
 * so the browser's first render draws the same email options before hydrating.
 */
export function knowMail(server: string, on: boolean) {
  mailOn.set(server, on);
}

/**
 * The form's email options, drawn only when the server sends mail: WordPress's "Notify me of follow-up
 * comments by email." box, remembered with the reader's details, and a button that emails a link to verify
 * the address. That link's page sends the reader back to the article as `#confab-proof=…`, the proof this
 * browser then sends with every post (server/domain/notifications.ts).
 */
export class EmailOptions {
  readonly #source: () => { server: string; url: string };
  #verification: 'idle' | 'sending' | 'sent' | 'failed' | 'verified' = 'idle';
  #sentTo = '';

  constructor(source: () => { server: string; url: string }) {
    this.#source = source;
    if (isServer) return;
    const proof = /^#confab-proof=([\w-]+)$/.exec(location.hash)?.[1];
    if (!proof) return;
    writeProof(source().server, proof);
    // Out of the address, so that it is neither bookmarked nor shared along with the page.
    history.replaceState(history.state, '', location.pathname + location.search);
    this.#verification = 'verified';
  }

  render(form: ReplyForm) {
    if (!this.#mailOn()) return nothing;
    const { t } = form.fmt;
    const state = this.#verification;
    return html`<p class="check">
        <input type="checkbox" id="notify" part="notify" ?checked=${!!readAuthor()?.notify} />
        <label for="notify">${t('notify')}</label>
      </p>
      <p class="verify">
        <button type="button" part="verify" aria-disabled=${state === 'sending' ? 'true' : nothing}
          @click=${() => this.#verify(form)}>${t('verifyEmail')}</button>
        <span role="status">${
          state === 'sent'
            ? t('verifySent', { email: this.#sentTo })
            : state === 'failed'
              ? t('verifyFailed')
              : state === 'verified'
                ? t('verifiedNow')
                : ''
        }</span>
      </p>`;
  }

  #mailOn(): boolean {
    return mailOn.get(this.#source().server) === true;
  }

  async #verify(form: ReplyForm) {
    if (this.#verification === 'sending') return;
    const input = form.renderRoot.querySelector<HTMLInputElement>('#email')!;
    // The browser says what is wrong with the address, in the reader's language.
    if (!input.reportValidity()) return;
    this.#verification = 'sending';
    form.requestUpdate();
    const { server, url } = this.#source();
    try {
      await requestVerification(server, { email: input.value, lang: form.fmt.lang, url });
      this.#sentTo = input.value;
      this.#verification = 'sent';
    } catch {
      this.#verification = 'failed';
    }
    form.requestUpdate();
  }
}
