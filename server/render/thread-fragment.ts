import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { escapeAttribute } from 'entities';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ConfabComment } from '../../widget/comment/comment.js';
import { define } from '../../widget/define.js';
import { knowMail } from '../../widget/form/email-options.js';
import { ReplyForm } from '../../widget/form/reply-form.js';
import { en } from '../../widget/i18n/en.js';
import { addWritten, createFormat } from '../../widget/i18n/format.js';
import { loadCatalogue } from '../../widget/i18n/locale.js';
import { ConfabComments } from '../../widget/thread/comments.js';
import { featuredSection } from '../../widget/thread/featured.js';
import { threadStyles } from '../../widget/thread/reader.styles.js';
import { ReaderController } from '../../widget/thread/reader-controller.js';
import { threadFoot, threadHead } from '../../widget/thread/thread-bar.js';
import {
  LANGUAGES,
  type Sort,
  type ThreadHtmlQuery,
  type ThreadResponse,
} from '../schema/index.js';
import { compactStyles } from './compact-styles.js';
import { jsonLd, scriptFormatted, scriptJson } from './json-ld.js';

/**
 * The thread as the browser would draw it once its reader chunk is in: the server renders the same
 * elements, so the styles the reader adopts in a browser are part of the thread's own here. Each sheet
 * goes into the page as compact as it can be (see compactStyles).
 */
class RenderedComments extends ConfabComments {
  static override styles = compactStyles([ConfabComments.styles, threadStyles]);
}
class RenderedComment extends ConfabComment {
  static override styles = compactStyles(ConfabComment.styles);
}
class RenderedForm extends ReplyForm {
  static override styles = compactStyles(ReplyForm.styles);
}

/** Every language's catalogue, loaded once: a rendering is then synchronous, made once per change. */
const catalogues = new Map(
  await Promise.all(LANGUAGES.map(async (l) => [l as string, await loadCatalogue(l)] as const)),
);
// Dates and counts from the data the browser writes them with (English's comes with the reader controller).
for (const loaded of catalogues.values()) if (loaded) addWritten(loaded.written);

define({
  'confab-comments': RenderedComments,
  'confab-comment': RenderedComment,
  'confab-reply-form': RenderedForm,
});

export interface FragmentOptions {
  /** The thread page, exactly as GET /api/threads answers it. */
  page: ThreadResponse;
  /** The thread's address as the page names it. */
  url: string;
  sort: Sort;
  /** A language of the widget's catalogues; English for any other. */
  lang: string;
  theme?: ThreadHtmlQuery['theme'];
  /** The Confab server's public address: the fragment loads embed.js from it. */
  server: string;
  /** Whether the server sends mail: the form then has its email options. */
  mail: boolean;
}

/**
 * `<confab-comments>` with its first page rendered into a declarative shadow root, the same page as JSON
 * for the element to hydrate from (no second request), its script, and schema.org markup for search
 * engines. Readers without JavaScript read every comment in it.
 */
export function renderThreadFragment(o: FragmentOptions): string {
  const loaded = catalogues.get(o.lang.split('-')[0]!);
  const fmt = createFormat(loaded ? o.lang : 'en', loaded?.default ?? en);
  knowMail(o.server, o.mail);
  const rendering = {
    page: o.page,
    fmt,
    reader: { ReaderController, threadHead, featuredSection, threadFoot, threadStyles },
  };
  // The light DOM is rendered after the shadow root, and an iterable when it is reached: by then `fmt` has
  // answered every date, count and plural the thread shows.
  const formatted = (function* () {
    yield unsafeHTML(scriptFormatted(fmt.formatted));
  })();
  const element = html`<confab-comments page=${o.url} server=${o.server} sort=${o.sort}
    lang=${loaded ? o.lang : 'en'} theme=${ifDefined(o.theme)} ?mail=${o.mail} .rendering=${rendering}
    >${unsafeHTML(scriptJson(o.page))}${formatted}</confab-comments
  >`;
  return [
    collectResultSync(render(element)),
    // The thread is readable without it: the page's own styles, fonts and images come first.
    `<script type="module" fetchpriority="low" src="${escapeAttribute(`${o.server}/embed.js`)}"></script>`,
    `<script type="application/ld+json">${jsonLd(o.page, o.url)}</script>`,
    '',
  ].join('\n');
}
