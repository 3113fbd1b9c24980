import { html, isServer, nothing } from 'lit';
import { getFeatures, requestVerification } from '../api/calls.js';
import { readAuthor, writeProof } from '../api/storage.js';
import type { ReplyForm } from '../elements/reply-form.js';

/** Whether each server sends mail: asked once per page, and taken as "no" when it cannot be asked. */
const mailOn = new Map<string, boolean | Promise<unknown>>();

/**
 * Says whether `server` sends mail without asking it: the server renderer knows its own configuration, and
 * a server-rendered thread says so (its `mail` attribute) so that its first render in the browser draws the
 * same email options before hydrating.
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
  #awaited: Promise<unknown> | null = null;

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
    if (!this.#mailOn(form)) return nothing;
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

  #mailOn(form: ReplyForm): boolean {
    const { server } = this.#source();
    let known = mailOn.get(server);
    // The server renders what it knows (knowMail); asking itself over HTTP would be no use.
    if (typeof known === 'boolean' || isServer) return known === true;
    if (!known) {
      known = getFeatures(server).then(
        (f) => mailOn.set(server, f.mail),
        // Offline, say: no email options on this page rather than asking again at every render.
        () => mailOn.set(server, false),
      );
      mailOn.set(server, known);
    }
    // Every thread on the page draws its options once the answer is in, not only the one that asked.
    if (this.#awaited !== known) {
      this.#awaited = known;
      void known.then(() => form.requestUpdate());
    }
    return false;
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
