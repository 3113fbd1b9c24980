import { html, nothing } from 'lit';
import { LIMITS } from '../../server/schema/limits.js';
import type { ActionKind, CommentActions } from '../comment/comment-actions.js';
import type { Format } from '../i18n/format.js';

/** Edit and Delete on the reader's own comment, or the editor or the question when one is open. */
export function authorActions(
  id: number,
  state: CommentActions,
  fmt: Format,
  act: (action: ActionKind, body?: string) => void,
) {
  if (!state.own) return nothing;
  const error = state.error
    ? html`<p part="action-error" role="alert">${fmt.t(state.error)}</p>`
    : nothing;
  const busy = state.busy ? 'true' : nothing;
  if (state.open === 'edit') {
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      act('save', (e.target as HTMLFormElement).querySelector('textarea')!.value);
    };
    return html`<form part="editor" @submit=${save}>
        <textarea id="editor-${id}" part="textarea" aria-label=${fmt.t('editLabel')} rows="6" required
          maxlength=${LIMITS.bodyMax} .value=${state.body}></textarea>
        <button part="save" aria-disabled=${busy}>${fmt.t('save')}</button>
        <button type="button" part="cancel" @click=${() => act('cancel')}>${fmt.t('cancel')}</button>
        ${error}
      </form>`;
  }
  if (state.open === 'delete') {
    return html`<p part="confirm">
          <span id="ask-${id}">${fmt.t('confirmDelete')}</span>
          <button part="yes" aria-disabled=${busy} @click=${() => act('confirm')}>${fmt.t('yes')}</button>
          <button id="no-${id}" part="no" aria-describedby="ask-${id}" @click=${() => act('cancel')}>
            ${fmt.t('no')}
          </button>
        </p>
        ${error}`;
  }
  return html`<button id="edit-${id}" part="edit-button" @click=${() => act('edit')}>
        ${fmt.t('edit')}</button
      ><button id="delete-${id}" part="delete-button" @click=${() => act('delete')}>
        ${fmt.t('delete')}
      </button>
      ${error}`;
}
