import { ConfabCount } from './count/count.js';
import { define } from './define.js';
import { ConfabComments } from './thread/comments.js';

// `<confab-comment>` and `<confab-reply-form>` come with the reader chunk (reader.ts).
define({
  'confab-comments': ConfabComments,
  'confab-count': ConfabCount,
});

declare global {
  interface HTMLElementTagNameMap {
    'confab-comments': ConfabComments;
    'confab-count': ConfabCount;
  }
}
