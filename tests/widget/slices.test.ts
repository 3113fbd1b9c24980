import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import '../../widget/embed.js';
import type { ConfabComment } from '../../widget/comment/comment.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { nextSliceSize } from '../../widget/thread/thread-slices.js';
import { commentEl, mountReader } from './reader-support.js';
import { longThread, servers, settled, uniquePage } from './support.js';

/** The comments drawn, in document order. */
const drawn = (el: ConfabComments) =>
  [...el.shadowRoot!.querySelectorAll<ConfabComment>('confab-comment')].map((c) => c.comment.id);

/** The number of comments drawn at each frame, changes only, until there are `total`. */
async function countEachFrame(el: ConfabComments, total: number): Promise<number[]> {
  const counts: number[] = [];
  for (let n = 0; n < total; ) {
    await new Promise((r) => requestAnimationFrame(r));
    n = el.shadowRoot?.querySelectorAll('confab-comment').length ?? 0;
    if (n && n !== counts.at(-1)) counts.push(n);
  }
  return counts;
}

describe('<confab-comments> draws a long thread a slice at a time', () => {
  afterEach(() => {
    scrollTo(0, 0);
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('draws every comment in the thread’s order, the first frames showing only the first slices', async () => {
    const page = uniquePage();
    const ids = await longThread(page, 30);
    const el = await fixture<ConfabComments>(
      html`<confab-comments page=${page} server=${servers.open} loading="eager"></confab-comments>`,
    );
    const counts = await countEachFrame(el, ids.length);
    await settled(el);

    expect(drawn(el)).to.deep.equal(ids);
    expect(counts.length).to.be.above(1);
    expect(counts.at(-1)).to.equal(ids.length);
  });

  it('puts the form under the last comment once every comment is drawn', async () => {
    const page = uniquePage();
    const ids = await longThread(page, 20);
    const el = await mountReader({ page });

    const form = el.shadowRoot!.querySelector('confab-reply-form')!;
    expect(form.previousElementSibling?.getAttribute('part')).to.equal('list');
    expect(drawn(el)).to.deep.equal(ids);
  });

  it('scrolls to a comment in the address that a late slice draws', async () => {
    const page = uniquePage();
    const ids = await longThread(page, 30);
    const target = ids.at(-2)!;
    document.body.style.minHeight = '300vh';
    history.replaceState(null, '', `#comment-${target}`);
    try {
      const el = await mountReader({ page });
      await waitUntil(
        () => Math.abs(commentEl(el, target)?.getBoundingClientRect().top ?? Infinity) < 2,
        'never scrolled to the comment',
        { timeout: 10_000 },
      );
      expect(commentEl(el, target)!.highlighted).to.equal(true);
    } finally {
      document.body.style.minHeight = '';
    }
  });
});

describe('the size of the next slice', () => {
  it('is as many comments as the target allows at what the last slice cost each, never more than twice as many', () => {
    // A slice under the target grows only as far as its cost per comment allows (doubling made 30 ms of 15).
    expect(nextSliceSize(6, 15)).to.equal(8);
    expect(nextSliceSize(4, 5)).to.equal(8);
    expect(nextSliceSize(10, 40)).to.equal(5);
    // A slice that cost far too much still draws one comment next, and a free one no more than doubles.
    expect(nextSliceSize(1, 500)).to.equal(1);
    expect(nextSliceSize(3, 0)).to.equal(6);
  });
});
