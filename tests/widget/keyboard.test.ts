import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { deepActiveElement, embed, readerLoaded } from './embed-fixtures.js';
import { formRoot, readThread, seed, settled, TITLE, text, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

/** The widget after a focusable button of the page, with its reader (Reply, tabs) loaded. */
async function widgetAfterButton(page: string) {
  const container = await fixture<HTMLDivElement>(
    html`<div><button id="before">Before the comments</button></div>`,
  );
  const el = await readerLoaded(await embed({ page, 'page-title': TITLE }, container));
  container.querySelector<HTMLButtonElement>('#before')!.focus();
  return el;
}

/** What the focused element is, for a reader: its part, else its id, else its tag. */
function describeFocus() {
  const el = deepActiveElement();
  return el?.getAttribute('part') ?? (el?.id || el?.localName) ?? 'nothing';
}

/** Presses Tab (or Shift+Tab) until `wanted` has focus; fails after `max` presses. */
async function tabTo(wanted: (el: Element) => boolean, { back = false, max = 40 } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
    const el = deepActiveElement();
    if (el && wanted(el)) return seen;
    seen.push(describeFocus());
  }
  throw new Error(`never reached it; focus went through ${seen.join(', ')}`);
}

const is = (selector: string) => (el: Element) => el.matches(selector);

/** Waits for the reader's comment to come back from the server. */
function postedOnce(el: ConfabComments) {
  return new Promise<void>((resolve) =>
    el.addEventListener('confab-comment-posted', () => resolve(), { once: true }),
  );
}

/** From the comment box: types a comment, then name and email in the fields Tab leads to, and presses Post Comment. */
async function typeAndPost(el: ConfabComments, comment: string) {
  expect(deepActiveElement()!.id).to.equal('comment');
  await sendKeys({ type: comment });
  await tabTo(is('#name'));
  await sendKeys({ type: 'Keyboard Reader' });
  await tabTo(is('#email'));
  await sendKeys({ type: 'keys@example.com' });
  await tabTo(is('[part~="submit"]'));
  const posted = postedOnce(el);
  await sendKeys({ press: 'Enter' });
  await posted;
  await settled(el);
}

describe('keyboard only', () => {
  it('reaches each comment’s links and Reply in reading order, then the form, and posts a comment', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { name: 'Ann', website: 'https://ann.example/' });
    const el = await widgetAfterButton(page);

    // Reading: the author's site, the permalink, then Like and Reply.
    await tabTo(is('a[href="https://ann.example/"]'), { max: 1 });
    await tabTo(is(`a[href="#comment-${comment.id}"]`), { max: 1 });
    await tabTo(is('[part~="like-button"]'), { max: 1 });
    await tabTo(is('[part~="reply-button"]'), { max: 1 });

    await tabTo(is('#comment'));
    await typeAndPost(el, 'Typed without a mouse.');
    const { comments } = await readThread(page);
    expect(comments.map((c) => [c.author.name, c.parentId])).to.deep.equal([
      ['Ann', null],
      ['Keyboard Reader', null],
    ]);
  });

  it('replies to a comment: Reply moves focus into the form under it, and the reply nests there', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { name: 'Ann' });
    const el = await widgetAfterButton(page);

    await tabTo(is('[part~="reply-button"]'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement()?.id === 'comment', 'focus never moved into the form');
    expect(text(formRoot(el).querySelector('[part~="form-heading"]'))).to.contain(
      'Leave a Reply to Ann',
    );
    await typeAndPost(el, 'A reply by keyboard.');

    const { comments } = await readThread(page);
    expect(comments.map((c) => [c.author.name, c.parentId])).to.deep.equal([
      ['Ann', null],
      ['Keyboard Reader', comment.id],
    ]);
  });

  it('cancels a reply and puts focus back on the Reply it came from', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { name: 'Ann' });
    const el = await widgetAfterButton(page);

    await tabTo(is('[part~="reply-button"]'));
    await sendKeys({ press: ' ' });
    await waitUntil(() => deepActiveElement()?.id === 'comment', 'focus never moved into the form');
    await tabTo(is('[part~="cancel-reply"]'), { back: true, max: 5 });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => deepActiveElement()?.id === `reply-${comment.id}`,
      'focus did not come back to Reply',
    );
    expect(text(formRoot(el).querySelector('[part~="form-heading"]'))).to.equal('Leave a Reply');
  });
});
