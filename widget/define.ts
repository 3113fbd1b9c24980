import type { ReplyForm } from './elements/reply-form.js';

/**
 * The one place tags are registered (elements never register themselves): embed.ts for what the first
 * render needs, the lazy loaders below for the rest. A page that loads the script twice (or two builds of
 * it) keeps the first definitions.
 */
export function define(tags: Record<string, CustomElementConstructor>) {
  for (const [tag, element] of Object.entries(tags)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

/**
 * The "Leave a Reply" form is not part of the thread's first render: `<confab-comments>` places the
 * undefined tag at once (it holds the form's place and takes its properties) and asks for this right after
 * the thread has rendered; the element upgrades in place when its chunk arrives.
 */
export const loadReplyForm = () =>
  import('./elements/reply-form.js').then((m) => define({ 'confab-reply-form': m.ReplyForm }));

declare global {
  interface HTMLElementTagNameMap {
    'confab-reply-form': ReplyForm;
  }
}
