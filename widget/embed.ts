import { ConfabCount } from './count/count.js';
import { define } from './define.js';
import { ConfabComments } from './thread/comments.js';

// `<confab-comment>` and `<confab-reply-form>` come with the reader chunk (reader.ts). Defined in a task
// after the one that evaluated this module: upgrading the page's elements (their first render, a server
// rendering's JSON) is about as long again, and at 4× CPU the two together made one long task.
setTimeout(() =>
  define({
    'confab-comments': ConfabComments,
    'confab-count': ConfabCount,
  }),
);

declare global {
  interface HTMLElementTagNameMap {
    'confab-comments': ConfabComments;
    'confab-count': ConfabCount;
  }
}
