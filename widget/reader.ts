import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { LitElement } from 'lit';
import { ConfabComment } from './comment/comment.js';
import { define } from './define.js';
import { ReplyForm } from './form/reply-form.js';

/**
 * The one script a thread loads after embed.js, in parallel with the thread itself: everything its first
 * render draws beyond the shell (the comments, the whole form with its tabs and remember-me, Reply, sorting)
 * and everything they do (posting with its proof of work, live updates, the author's tools). One request,
 * so the form is interactive as soon as it is drawn; only other languages come separately.
 */
// embed.js defined Lit before this arrived, so Lit could not call the hook the import above sets: call it
// now, before the elements below are defined, and server-rendered threads hydrate instead of drawing anew.
// Hydration is 2 kB that pages without a server-rendered thread never fetch ahead of their first render.
(
  globalThis as { litElementHydrateSupport?: (lit: { LitElement: typeof LitElement }) => void }
).litElementHydrateSupport?.({ LitElement });

// In the task after this chunk's evaluation, as embed.js does: a server-rendered thread's comments upgrade
// on definition, fifty elements at once, which the evaluation's task need not carry too. The thread waits a
// task for the reader anyway (see ConfabComments' #loadReader), so they are defined before its first render.
setTimeout(() => define({ 'confab-comment': ConfabComment, 'confab-reply-form': ReplyForm }));

export { knowMail } from './form/email-options.js';
export { send } from './form/posting.js';
export { warmFormats } from './i18n/warm-formats.js';
export { featuredSection } from './thread/featured.js';
export { threadStyles } from './thread/reader.styles.js';
export { ReaderController } from './thread/reader-controller.js';
export { threadFoot, threadHead } from './thread/thread-bar.js';

declare global {
  interface HTMLElementTagNameMap {
    'confab-comment': ConfabComment;
  }
}
