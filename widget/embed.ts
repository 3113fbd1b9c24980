import { ConfabComment } from './elements/comment.js';
import { ConfabComments } from './elements/comments.js';
import { ConfabCount } from './elements/count.js';
import { ReplyForm } from './elements/reply-form.js';

const tags: Record<string, CustomElementConstructor> = {
  'confab-comment': ConfabComment,
  'confab-reply-form': ReplyForm,
  'confab-comments': ConfabComments,
  'confab-count': ConfabCount,
};

// A page that loads the script twice (or two builds of it) keeps the first definitions.
for (const [tag, element] of Object.entries(tags)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'confab-comments': ConfabComments;
    'confab-comment': ConfabComment;
    'confab-reply-form': ReplyForm;
    'confab-count': ConfabCount;
  }
}
