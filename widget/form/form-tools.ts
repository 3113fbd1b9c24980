import { isServer } from 'lit';
import { previewComment } from '../api/calls.js';
import { readAuthor } from '../api/storage.js';
import { EmailOptions } from './email-options.js';
import { prepare } from './posting.js';
import type { ReplyForm } from './reply-form.js';

/**
 * What the reader adds to the form, as state the form draws (reply-form-extras.ts): the preview, the email
 * options, the remembered details filled in, and the proof of work started as soon as the reader turns to
 * the form.
 */
export class FormTools {
  /** The last preview: its HTML, or why there is none. */
  preview: { html: string } | 'empty' | 'failed' | null = null;
  form: ReplyForm | null = null;
  readonly email: EmailOptions;

  /** The thread the form posts to: its proof of work is fetched for it. */
  readonly #source: () => { server: string; url: string };
  /** Numbers the preview requests: only the latest may show. */
  #previews = 0;

  constructor(source: () => { server: string; url: string }) {
    this.#source = source;
    this.email = new EmailOptions(source);
  }

  /** Back to Write, for the next comment. */
  reset() {
    this.form?.toggleAttribute('previewing', false);
  }

  /**
   * Once per form, in the browser: fills in the remembered details, and starts the proof of work whenever
   * the reader turns to the form, so it is ready by the time they post.
   */
  adopt(form: ReplyForm) {
    if (isServer || this.form === form) return;
    this.form = form;
    const ready = () => {
      const { server, url } = this.#source();
      void prepare(server, url);
    };
    form.addEventListener('focusin', ready);
    if (form.matches(':focus-within')) ready();
    const author = readAuthor();
    if (!author) return;
    void form.updateComplete.then(() => {
      const fields = form.renderRoot.querySelector('form')!.elements;
      for (const name of ['name', 'email', 'website'] as const) {
        const input = fields.namedItem(name) as HTMLInputElement;
        input.value ||= author[name] ?? '';
      }
    });
  }

  /** The Preview tab (`previewing`) with the server's rendering of `body`, or Write again. */
  async show(form: ReplyForm, previewing: boolean, body: string) {
    if (!form.toggleAttribute('previewing', previewing)) return form.requestUpdate();
    const asked = ++this.#previews;
    this.preview = body.trim() ? null : 'empty';
    form.requestUpdate();
    if (!body.trim()) return;
    let shown: FormTools['preview'];
    try {
      shown = await previewComment(this.#source().server, body);
    } catch {
      shown = 'failed';
    }
    if (asked !== this.#previews) return;
    this.preview = shown;
    form.requestUpdate();
  }
}
