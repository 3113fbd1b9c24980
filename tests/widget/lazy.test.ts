import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { waitUntil } from './wait.js';
import '../../widget/embed.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { requestsSince } from './reader-support.js';
import { seed, servers, settled, uniquePage } from './support.js';

/** A page whose comments sit `screens` viewports below the top, as under a long article. */
async function belowTheFold(page: string, screens: number, loading?: string) {
  const article = await fixture<HTMLElement>(html`<article>
    <div style="block-size: ${screens * innerHeight}px">The article’s text.</div>
    <confab-comments page=${page} server=${servers.open} loading=${loading ?? nothing}></confab-comments>
  </article>`);
  return article.querySelector<ConfabComments>('confab-comments')!;
}

const threadRequests = (since: number, page: string) =>
  requestsSince(since, `api/threads?${new URLSearchParams({ url: page })}`);

/** Two frames: long enough for an IntersectionObserver to have reported, and for a fetch to have started. */
const frames = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('<confab-comments> loading', () => {
  afterEach(() => {
    scrollTo(0, 0);
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('asks the server nothing while the reader is far from the comments, and loads them as they come near', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Down at the bottom.' });
    const since = performance.now();
    const el = await belowTheFold(page, 4);
    await frames();
    await new Promise((r) => setTimeout(r, 300));
    expect(threadRequests(since, page)).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[part="heading"]')).to.equal(null);

    // About a screen before the comments come into view, the thread is fetched: once.
    scrollTo(0, 2.2 * innerHeight);
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part="heading"]'),
      'the thread never came',
    );
    await settled(el);
    expect(el.getBoundingClientRect().top).to.be.above(innerHeight);
    expect(threadRequests(since, page)).to.have.length(1);
    expect(el.shadowRoot!.textContent).to.contain('One thought on');
  });

  it('loads at once with loading="eager", wherever the thread is', async () => {
    const page = uniquePage();
    const since = performance.now();
    const el = await belowTheFold(page, 6, 'eager');
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part="heading"]'),
      'the thread never came',
    );
    expect(threadRequests(since, page)).to.have.length(1);
  });

  it('loads at once for a link to a comment, which needs the thread to scroll to it', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { body: 'The one linked to.' });
    history.replaceState(null, '', `#comment-${comment.id}`);
    const since = performance.now();
    const el = await belowTheFold(page, 6);
    await waitUntil(
      () => el.shadowRoot!.querySelector('confab-comment'),
      'the linked thread never came',
    );
    expect(threadRequests(since, page)).to.have.length(1);
  });
});
