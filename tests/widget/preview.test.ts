import { expect } from '@open-wc/testing';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { deepActiveElement } from './embed-fixtures.js';
import { commentEl, fillAndPost, forgetEverything, mountReader, posted } from './reader-support.js';
import { formRoot, settled, text, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

const tab = (el: ConfabComments, name: string) =>
  [...formRoot(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')].find(
    (t) => text(t) === name,
  )!;
const panel = (el: ConfabComments) => formRoot(el).querySelector<HTMLElement>('[role="tabpanel"]')!;

async function openPreview(el: ConfabComments, body: string) {
  formRoot(el).querySelector('textarea')!.value = body;
  tab(el, 'Preview').click();
  await settled(el);
}

describe('<confab-comments> preview', () => {
  afterEach(forgetEverything);

  it('has Write and Preview tabs over the comment box, Write selected', async () => {
    const el = await mountReader({ page: uniquePage() });

    const list = formRoot(el).querySelector('[role="tablist"]')!;
    expect(
      [...list.querySelectorAll('[role="tab"]')].map((t) => [
        text(t),
        t.getAttribute('aria-selected'),
      ]),
    ).to.deep.equal([
      ['Write', 'true'],
      ['Preview', 'false'],
    ]);
    expect(panel(el).hidden).to.equal(true);
    expect(formRoot(el).querySelector('textarea')!.checkVisibility()).to.equal(true);
  });

  it('shows the comment exactly as it will be posted', async () => {
    const el = await mountReader({ page: uniquePage() });
    const source = 'Some *emphasis*, `code` and a [link](https://example.com/)\n\n> quoted';

    await openPreview(el, source);
    await waitUntil(() => panel(el).querySelector('[part="body"] em'), 'the preview never came');

    expect(tab(el, 'Preview').getAttribute('aria-selected')).to.equal('true');
    expect(formRoot(el).querySelector('textarea')!.checkVisibility()).to.equal(false);
    const preview = markup(panel(el).querySelector('[part="body"]')!);
    fillAndPost(el, { comment: source });
    const comment = await posted(el);
    expect(preview).to.equal(
      markup(commentEl(el, comment.id)!.shadowRoot!.querySelector('[part="body"]')!),
    );
    expect(comment.html).to.equal(preview);
  });

  it('says there is nothing to preview for an empty comment, and goes back with Write', async () => {
    const el = await mountReader({ page: uniquePage() });

    await openPreview(el, '   ');
    expect(text(panel(el))).to.equal('Nothing to preview.');

    tab(el, 'Write').click();
    await settled(el);
    expect(panel(el).hidden).to.equal(true);
    expect(formRoot(el).querySelector('textarea')!.checkVisibility()).to.equal(true);
  });

  it('moves between the tabs with the arrow keys', async () => {
    const el = await mountReader({ page: uniquePage() });
    tab(el, 'Write').focus();

    tab(el, 'Write').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }),
    );
    await settled(el);

    expect(deepActiveElement()).to.equal(tab(el, 'Preview'));
    expect(tab(el, 'Preview').getAttribute('aria-selected')).to.equal('true');
    expect(tab(el, 'Write').tabIndex).to.equal(-1);
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
}

/** An element's HTML as the reader gets it, without the comment nodes Lit marks its template parts with. */
function markup(el: Element) {
  return el.innerHTML.replace(/<!--[\s\S]*?-->/g, '');
}
