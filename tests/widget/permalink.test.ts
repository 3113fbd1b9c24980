import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { LIMITS } from '../../server/schema/limits.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { CAN_EMULATE_MEDIA } from './media.js';
import { commentEl, forgetEverything, mountReader } from './reader-support.js';
import { seed, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

const highlighted = (el: ConfabComments, id: number) =>
  commentEl(el, id)?.shadowRoot!.querySelector('article')!.part.contains('highlighted') ?? false;

/** Whether the comment's top is at the top of the window, where scrolling to it puts it. */
const atTop = (el: ConfabComments, id: number) =>
  Math.abs(commentEl(el, id)!.getBoundingClientRect().top) < 2;

/** A smooth scroll down a long page takes a while, longer on a busy machine. */
const scrolling = { timeout: 10_000 };

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
const realMatchMedia = window.matchMedia;

/**
 * A reader who prefers reduced motion: emulated in Chromium. Firefox and WebKit cannot be told from here,
 * so there the page's own `matchMedia` answers for the preference, which is what the widget asks.
 */
async function preferReducedMotion() {
  if (CAN_EMULATE_MEDIA) return emulateMedia({ reducedMotion: 'reduce' });
  window.matchMedia = (query) => {
    const list = realMatchMedia.call(window, query);
    return query === REDUCED_MOTION ? Object.create(list, { matches: { value: true } }) : list;
  };
}

describe('<confab-comments> permalinks', () => {
  // Room below the thread, so that any comment can be scrolled to the top of the window.
  beforeEach(() => void (document.body.style.minHeight = '300vh'));
  afterEach(async () => {
    if (CAN_EMULATE_MEDIA) await emulateMedia({ reducedMotion: 'no-preference' });
    window.matchMedia = realMatchMedia;
    document.body.style.minHeight = '';
    scrollTo(0, 0);
    history.replaceState(null, '', location.pathname + location.search);
    forgetEverything();
  });

  it('scrolls to the comment in the address and highlights it, loading later pages to find it', async () => {
    const page = uniquePage();
    const ids: number[] = [];
    for (let i = 0; i < LIMITS.pageDefault + 10; i++)
      ids.push((await seed(page, { body: `Comment ${i}` })).comment.id);
    const target = ids.at(-3)!;
    // Opened at the address of a comment on the second page.
    history.replaceState(null, '', `#comment-${target}`);

    const el = await mountReader({ page });
    await waitUntil(() => highlighted(el, target), 'the comment was never found');
    await waitUntil(() => atTop(el, target), 'never scrolled to the comment', scrolling);

    expect(highlighted(el, ids[0]!)).to.equal(false);
    const article = commentEl(el, target)!.shadowRoot!.querySelector('article')!;
    expect(getComputedStyle(article).outlineStyle).to.equal('solid');
  });

  it('jumps there without the smooth scroll for a reader who prefers reduced motion', async () => {
    await preferReducedMotion();
    const page = uniquePage();
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await seed(page, { body: `Comment ${i}` })).comment.id);
    history.replaceState(null, '', `#comment-${ids[25]}`);

    const el = await mountReader({ page });
    await waitUntil(() => highlighted(el, ids[25]!), 'the comment was never found');

    // Smooth scrolling would still be on its way.
    expect(atTop(el, ids[25]!)).to.equal(true);
  });

  it('follows the address to another comment of the thread', async () => {
    const page = uniquePage();
    const { comment: first } = await seed(page, { body: 'First' });
    const { comment: second } = await seed(page, { body: 'Second' });
    const el = await mountReader({ page });

    location.hash = `#comment-${second.id}`;
    await waitUntil(
      () => highlighted(el, second.id) && atTop(el, second.id),
      'never went to the second',
      scrolling,
    );
    location.hash = `#comment-${first.id}`;
    await waitUntil(
      () => highlighted(el, first.id) && atTop(el, first.id),
      'never went back to the first',
      scrolling,
    );

    expect(highlighted(el, second.id)).to.equal(false);
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
  function beforeEach(body: () => void | Promise<void>): void;
}
