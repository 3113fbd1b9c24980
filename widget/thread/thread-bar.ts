import { html, nothing } from 'lit';
import type { Sort } from '../../server/schema/index.js';
import type { Format } from '../i18n/format.js';
import type { ReaderController } from './reader-controller.js';

/**
 * What the thread element draws above and below its list once the reader chunk is here, from the reader
 * controller's state: they come with that chunk, so embed.js carries none of it.
 */

/** Sorting and the "N new comments" button, under the heading. */
export function threadHead(reader: ReaderController, fmt: Format) {
  const { waiting, sort } = reader;
  const sortBy = (e: Event) => reader.sortBy((e.target as HTMLSelectElement).value as Sort);
  return html`<p class="bar">
      ${
        reader.sortable
          ? html`<select part="sort" aria-label=${fmt.t('sortLabel')} .value=${sort} @change=${sortBy}>
            <option value="oldest">${fmt.t('oldestFirst')}</option>
            <option value="newest">${fmt.t('newestFirst')}</option>
            <option value="best">${fmt.t('bestFirst')}</option>
          </select>`
          : nothing
      }
      ${
        waiting
          ? html`<button part="new-comments" @click=${() => reader.reveal()}>
            ${fmt.plural('newComments', waiting)}
          </button>`
          : nothing
      }
    </p>`;
}

/** "Load more comments", under the list, while there is more. */
export function threadFoot(reader: ReaderController, fmt: Format) {
  if (!reader.hasMore) return nothing;
  const { more } = reader;
  return html`<p class="more">
      <button part="load-more" aria-disabled=${more === 'busy' ? 'true' : nothing} @click=${() => reader.loadMore()}>
        ${fmt.t('loadMore')}
      </button>
      ${more === 'error' ? html`<span role="alert">${fmt.t('loadFailed')}</span>` : nothing}
    </p>`;
}
