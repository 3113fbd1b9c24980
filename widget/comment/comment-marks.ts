import { html, nothing } from 'lit';
import type { PublicComment } from '../../server/schema/index.js';
import type { Format } from '../i18n/format.js';

/** "Staff" on a reply the site wrote, "Featured" on a comment an admin chose: only the server sets either. */
export function marks(comment: PublicComment, fmt: Format) {
  return html`${comment.staff ? html`<span part="mark staff-mark">${fmt.t('staff')}</span>` : nothing}${
    comment.featured ? html`<span part="mark featured-mark">${fmt.t('featured')}</span>` : nothing
  }`;
}
