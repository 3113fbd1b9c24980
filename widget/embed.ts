import { define } from './define.js';
import { ConfabComment } from './elements/comment.js';
import { ConfabComments } from './elements/comments.js';
import { ConfabCount } from './elements/count.js';

// `<confab-reply-form>` is defined by define.ts's loadReplyForm(), once the thread has rendered.
define({
  'confab-comment': ConfabComment,
  'confab-comments': ConfabComments,
  'confab-count': ConfabCount,
});

declare global {
  interface HTMLElementTagNameMap {
    'confab-comments': ConfabComments;
    'confab-comment': ConfabComment;
    'confab-count': ConfabCount;
  }
}
