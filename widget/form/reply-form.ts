import { html, isServer, LitElement, nothing } from 'lit';
import { LIMITS } from '../../server/schema/limits.js';
import type { ApiError } from '../api/client.js';
import { updateInSlice } from '../comment/slices.js';
import { CommentSubmitEvent } from '../events.js';
import type { TextKey } from '../i18n/en.js';
import { enForm } from '../i18n/en-form.js';
import { addLater, type Format } from '../i18n/format.js';
import type { FormTools } from './form-tools.js';
import { styles } from './reply-form.styles.js';
import { extraFields, previewTabs, replyHeading } from './reply-form-extras.js';

addLater(enForm);

type Field = 'comment' | 'name' | 'email' | 'website';

/** The server's dotted input paths, mapped to the inputs that produce them. */
const fieldOf: Record<string, Field> = {
  body: 'comment',
  'author.name': 'name',
  'author.email': 'email',
  'author.website': 'website',
};

/** What to say beside a refused field: the server's messages are English, the reader's may not be. */
const fieldMessage: Record<Field, TextKey> = {
  comment: 'errorComment',
  name: 'errorName',
  email: 'errorEmail',
  website: 'errorWebsite',
};

const generalMessage: Partial<Record<ApiError['code'], TextKey>> = {
  network: 'errorNetwork',
  origin_not_allowed: 'errorOrigin',
  rate_limited: 'errorRateLimited',
  duplicate_comment: 'errorDuplicate',
  payload_too_large: 'errorTooLarge',
};

/**
 * What the thread's reader (thread/reader-controller.ts) keeps for the form, which draws it
 * (reply-form-extras.ts): whom it replies to while under a comment, the preview, remember-me and the email
 * options. It arrives in the same chunk as the form, so the form's first render has them.
 */
export interface FormExtras {
  /** The name of the comment's author the form replies to, while it is under a comment. */
  replyingTo(): string | undefined;
  /** The form goes back under the thread. */
  cancelReply(): void;
  readonly tools: FormTools;
}

/**
 * The "Leave a Reply" form. It owns only what the reader is typing; the thread element posts the draft
 * and hands back `busy`, `error` and `notice`.
 */
export class ReplyForm extends LitElement {
  static override properties = {
    fmt: { attribute: false },
    busy: { attribute: false },
    error: { attribute: false },
    notice: { attribute: false },
    extras: { attribute: false },
  };
  static override styles = styles;

  declare fmt: Format;
  declare busy: boolean;
  declare error: ApiError | null;
  /** Announced after a successful post. */
  declare notice: string;
  declare extras: FormExtras | null;

  /** Drawn by the server already (a declarative shadow root): its first update only adopts that markup. */
  readonly #serverRendered = !isServer && this.shadowRoot !== null;

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.notice = '';
    this.extras = null;
  }

  /**
   * A server-rendered form adopts its markup in a slice of its own, ahead of the comments' (see
   * updateInSlice): in the thread's hydration it was a tenth of one long task, and the reader gets a
   * working form first.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: Lit's own signature for scheduleUpdate.
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || !this.#serverRendered) return super.scheduleUpdate();
    return updateInSlice(() => super.scheduleUpdate(), true);
  }

  /** Empties the comment box after its text was posted; name, email and website stay for the next one. */
  clearBody() {
    this.renderRoot.querySelector('textarea')!.value = '';
  }

  override render() {
    const { fmt, extras } = this;
    const errors = this.#fieldErrors();
    const general = this.#generalError(errors);
    const invalid = (id: Field) => (errors.has(id) ? 'true' : nothing);
    const describedBy = (id: Field) =>
      [id === 'email' && 'email-note', errors.has(id) && `${id}-error`].filter(Boolean).join(' ') ||
      nothing;
    const field = (id: Field, required: boolean, control: unknown) =>
      html`<p class="field">
        <label part="label" for=${id}
          >${fmt.t(id)}${required ? html` <span aria-hidden="true">*</span>` : nothing}</label
        >
        ${control}
        ${errors.has(id) ? html`<span part="field-error" id="${id}-error">${errors.get(id)}</span>` : nothing}
      </p>`;

    return html`<form part="form" aria-labelledby="form-heading" @submit=${this.#submit}>
      <h2 part="form-heading" id="form-heading">${(extras && replyHeading(this, extras)) ?? fmt.t('formHeading')}</h2>
      <p part="note">
        <span id="email-note">${fmt.t('emailNote')}</span>
        <span>${fmt.t('requiredNote')}</span>
      </p>
      ${extras && previewTabs(this, extras)}
      ${field(
        'comment',
        true,
        html`<textarea part="textarea" id="comment" name="comment" rows="8" required maxlength=${LIMITS.bodyMax}
          aria-invalid=${invalid('comment')} aria-describedby=${describedBy('comment')}></textarea>`,
      )}
      ${field(
        'name',
        true,
        html`<input part="input" id="name" name="name" required autocomplete="name" maxlength=${LIMITS.nameMax}
          aria-invalid=${invalid('name')} aria-describedby=${describedBy('name')} />`,
      )}
      ${field(
        'email',
        true,
        html`<input part="input" id="email" name="email" type="email" required autocomplete="email"
          maxlength=${LIMITS.emailMax} aria-invalid=${invalid('email')} aria-describedby=${describedBy('email')} />`,
      )}
      ${field(
        'website',
        false,
        html`<input part="input" id="website" name="website" type="url" autocomplete="url"
          maxlength=${LIMITS.websiteMax} aria-invalid=${invalid('website')} aria-describedby=${describedBy('website')} />`,
      )}
      ${extras && extraFields(this, extras)}
      <p class="actions">
        <button part="submit" aria-disabled=${this.busy ? 'true' : nothing}>${fmt.t('submit')}</button>
      </p>
      <p part="status" class=${general ? 'error' : nothing} role="status" aria-live="polite">
        ${general || (this.busy ? fmt.t('posting') : this.notice)}
      </p>
    </form>`;
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    this.extras?.tools.adopt(this);
    // Send the reader straight to what needs fixing; its description says what.
    if (changed.has('error'))
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  #fieldErrors() {
    const errors = new Map<Field, string>();
    for (const path of Object.keys(this.error?.fields ?? {})) {
      const id = fieldOf[path];
      if (id) errors.set(id, this.fmt.t(fieldMessage[id]));
    }
    return errors;
  }

  #generalError(fieldErrors: Map<Field, string>) {
    const { error } = this;
    if (!error) return '';
    const key = generalMessage[error.code];
    if (key) return this.fmt.t(key, { origin: location.origin, setting: 'CONFAB_ORIGINS' });
    // Fields the reader cannot see (the page url, its title) are no use to name to them.
    const allShown = Object.keys(error.fields).every((path) => fieldOf[path]);
    return this.fmt.t(
      error.code === 'invalid_request' && fieldErrors.size && allShown
        ? 'errorFields'
        : 'errorOther',
    );
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    // aria-disabled rather than disabled keeps focus on the button while the comment is on its way.
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '');
    this.dispatchEvent(
      new CommentSubmitEvent({
        body: value('comment'),
        author: {
          name: value('name'),
          email: value('email'),
          website: value('website') || undefined,
        },
        lang: this.fmt.lang,
        remember: form.querySelector<HTMLInputElement>('#remember')?.checked,
        subscribe: form.querySelector<HTMLInputElement>('#notify')?.checked,
        hp: value('hp'),
      }),
    );
  }
}
