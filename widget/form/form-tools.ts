import { html, isServer } from 'lit';
import { previewComment } from '../api/calls.js';
import { readAuthor } from '../api/storage.js';
import { serverHtml } from '../comment/comment.js';
import { EmailOptions } from './email-options.js';
import { prepare } from './posting.js';
import type { ReplyForm } from './reply-form.js';

/**
 * What the reader adds to the form: the Write / Preview tabs and the preview, remember-me, the email
 * options, the hidden honeypot field, and the proof of work started as soon as the reader turns to the form.
 */
export class FormTools {
  /** The last preview: its HTML, or why there is none. */
  preview: { html: string } | 'empty' | 'failed' | null = null;
  form: ReplyForm | null = null;

  /** The thread the form posts to: its proof of work is fetched for it. */
  readonly #source: () => { server: string; url: string };
  /** Numbers the preview requests: only the latest may show. */
  #previews = 0;
  readonly #email: EmailOptions;

  constructor(source: () => { server: string; url: string }) {
    this.#source = source;
    this.#email = new EmailOptions(source);
  }

  /** Back to Write, for the next comment. */
  reset() {
    this.form?.toggleAttribute('previewing', false);
  }

  tabs(form: ReplyForm) {
    this.#adopt(form);
    const { fmt } = form;
    const previewing = form.hasAttribute('previewing');
    const preview = this.preview;
    const tab = (id: string, selected: boolean, label: string, controls: string) =>
      html`<button type="button" role="tab" id=${id} part="tab" aria-selected=${selected} aria-controls=${controls}
        tabindex=${selected ? 0 : -1} @click=${(e: Event) => this.#show(form, e.currentTarget as HTMLButtonElement)}>
        ${label}
      </button>`;
    return html`<div role="tablist" part="tabs" @keydown=${(e: KeyboardEvent) => this.#arrow(e)}>
        ${tab('write-tab', !previewing, fmt.t('write'), 'comment')}
        ${tab('preview-tab', previewing, fmt.t('preview'), 'preview')}
      </div>
      <div id="preview" role="tabpanel" aria-labelledby="preview-tab" aria-live="polite" ?hidden=${!previewing}>
        ${
          typeof preview === 'object' && preview
            ? // The server's rendering, through the same policy as a posted comment's body.
              html`<div part="body">${serverHtml(preview.html)}</div>`
            : preview &&
              html`<p>${fmt.t(preview === 'empty' ? 'previewEmpty' : 'previewFailed')}</p>`
        }
      </div>`;
  }

  fields(form: ReplyForm) {
    return html`<p class="check">
        <input type="checkbox" id="remember" part="remember" ?checked=${!isServer && !!readAuthor()} />
        <label for="remember">${form.fmt.t('remember')}</label>
      </p>
      ${this.#email.render(form)}
      <p class="hp" aria-hidden="true"><input name="hp" tabindex="-1" autocomplete="off" /></p>`;
  }

  /**
   * Once per form, in the browser: fills in the remembered details, and starts the proof of work whenever
   * the reader turns to the form, so it is ready by the time they post.
   */
  #adopt(form: ReplyForm) {
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

  async #show(form: ReplyForm, tab: HTMLButtonElement) {
    if (!form.toggleAttribute('previewing', tab.id === 'preview-tab')) return form.requestUpdate();
    const body = (tab.form!.elements.namedItem('comment') as HTMLTextAreaElement).value;
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

  /** Left and right arrows move between the two tabs, as in every tab list. */
  #arrow(e: KeyboardEvent) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const other = (e.target as HTMLElement).id === 'write-tab' ? 'preview-tab' : 'write-tab';
    const tab = (e.currentTarget as HTMLElement).querySelector<HTMLButtonElement>(`#${other}`)!;
    tab.focus();
    tab.click();
  }
}
