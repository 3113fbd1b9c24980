import { html, isServer, nothing } from 'lit';
import { readAuthor } from '../api/storage.js';
import { serverHtml } from '../comment/comment.js';
import type { FormExtras, ReplyForm } from './reply-form.js';

/**
 * What the form draws from the reader chunk's state (FormExtras): "Leave a Reply to NAME" with its Cancel,
 * the Write / Preview tabs with the preview, remember-me, the email options and the hidden honeypot.
 */

/** Marks where a translated sentence puts the name (no message contains it). */
const NAME_SLOT = '\u0000';

/** The sentence with the name in a <bdi>: a right-to-left name cannot reorder the words around it. */
function isolatedName(sentence: string, name: string) {
  const [before, after = ''] = sentence.split(NAME_SLOT);
  return html`${before}<bdi>${name}</bdi>${after}`;
}

/** "Leave a Reply to NAME" and its Cancel, while the form is under a comment. */
export function replyHeading(form: ReplyForm, extras: FormExtras) {
  const name = extras.replyingTo();
  const { fmt } = form;
  return name === undefined
    ? undefined
    : html`${isolatedName(fmt.t('replyTo', { name: NAME_SLOT }), name)}
          <button type="button" part="cancel-reply" @click=${() => extras.cancelReply()}>
            ${fmt.t('cancelReply')}
          </button>`;
}

/** Left and right arrows move between the two tabs, as in every tab list. */
function arrow(e: KeyboardEvent) {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const other = (e.target as HTMLElement).id === 'write-tab' ? 'preview-tab' : 'write-tab';
  const tab = (e.currentTarget as HTMLElement).querySelector<HTMLButtonElement>(`#${other}`)!;
  tab.focus();
  tab.click();
}

export function previewTabs(form: ReplyForm, { tools }: FormExtras) {
  const { fmt } = form;
  const previewing = form.hasAttribute('previewing');
  const preview = tools.preview;
  const show = (e: Event) => {
    const tab = e.currentTarget as HTMLButtonElement;
    const body = (tab.form!.elements.namedItem('comment') as HTMLTextAreaElement).value;
    void tools.show(form, tab.id === 'preview-tab', body);
  };
  const tab = (id: string, selected: boolean, label: string, controls: string) =>
    html`<button type="button" role="tab" id=${id} part="tab" aria-selected=${selected} aria-controls=${controls}
        tabindex=${selected ? 0 : -1} @click=${show}>
        ${label}
      </button>`;
  return html`<div role="tablist" part="tabs" @keydown=${arrow}>
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

export function extraFields(form: ReplyForm, { tools }: FormExtras) {
  return html`<p class="check">
        <input type="checkbox" id="remember" part="remember" ?checked=${!isServer && !!readAuthor()} />
        <label for="remember">${form.fmt.t('remember')}</label>
      </p>
      ${emailOptions(form, tools.email)}
      <p class="hp" aria-hidden="true"><input name="hp" tabindex="-1" autocomplete="off" /></p>`;
}

/** The notify box and the button that verifies the address, when the server sends mail. */
function emailOptions(form: ReplyForm, email: FormExtras['tools']['email']) {
  if (!email.on) return nothing;
  const { t } = form.fmt;
  const state = email.verification;
  return html`<p class="check">
        <input type="checkbox" id="notify" part="notify" ?checked=${!!readAuthor()?.notify} />
        <label for="notify">${t('notify')}</label>
      </p>
      <p class="verify">
        <button type="button" part="verify" aria-disabled=${state === 'sending' ? 'true' : nothing}
          @click=${() => email.verify(form)}>${t('verifyEmail')}</button>
        <span role="status">${
          state === 'sent'
            ? t('verifySent', { email: email.sentTo })
            : state === 'failed'
              ? t('verifyFailed')
              : state === 'verified'
                ? t('verifiedNow')
                : ''
        }</span>
      </p>`;
}
