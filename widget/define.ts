import type { ReplyForm } from './form/reply-form.js';

/**
 * The one place tags are registered (elements never register themselves): embed.ts for the shells,
 * reader.ts for what a thread draws. A page that loads the script twice (or two builds of it) keeps the
 * first definitions.
 */
export function define(tags: Record<string, CustomElementConstructor>) {
  for (const [tag, element] of Object.entries(tags)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

/** The reader chunk (reader.ts), fetched once for every thread on the page. */
export const loadReader = () => import('./reader.js');

export type Reader = Awaited<ReturnType<typeof loadReader>>;

declare global {
  interface HTMLElementTagNameMap {
    'confab-reply-form': ReplyForm;
  }
}
