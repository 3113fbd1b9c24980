import { html, nothing } from 'lit';
import type { PublicComment } from '../../server/schema/index.js';
import type { Format } from '../i18n/format.js';

/**
 * The thread's featured comments, first, under their own heading. They keep their place in the thread
 * too, where their replies are; here they stand alone.
 */
export function featuredSection(featured: PublicComment[], fmt: Format, commentParts: string) {
  if (!featured.length) return nothing;
  return html`<section part="featured" aria-labelledby="featured-heading">
    <h3 part="featured-heading" id="featured-heading">${fmt.t('featured')}</h3>
    <ol part="featured-list">
      ${featured.map(
        (comment) =>
          html`<li><confab-comment exportparts=${commentParts} .comment=${comment} .fmt=${fmt}></confab-comment></li>`,
      )}
    </ol>
  </section>`;
}
