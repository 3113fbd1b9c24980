import { isServer } from 'lit';
import { requestVerification } from '../api/calls.js';
import { writeProof } from '../api/storage.js';
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
 * The state of the form's email options, drawn (reply-form-extras.ts) only when the server sends mail: WordPress's "Notify me of follow-up
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

  /** Whether the thread's server sends mail: the options are drawn only then. */
  get on(): boolean {
    return mailOn.get(this.#source().server) === true;
  }

  get verification() {
    return this.#verification;
  }

  /** Where the last verification link went. */
  get sentTo() {
    return this.#sentTo;
  }

  /** Emails a link to verify the address in `form`'s email field. */
  async verify(form: ReplyForm) {
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
