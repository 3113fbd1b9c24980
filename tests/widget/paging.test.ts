import { expect } from '@open-wc/testing';
import { LIMITS } from '../../server/schema/limits.js';
import type { ConfabComment } from '../../widget/comment/comment.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { deepActiveElement } from './embed-fixtures.js';
import { fillAndPost, forgetEverything, mountReader, posted } from './reader-support.js';
import { $, type readThread, seed, servers, settled, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

/** Ids of the top-level comments as shown, in order. */
const shown = (el: ConfabComments) =>
  [...el.shadowRoot!.querySelectorAll<ConfabComment>('ol[part="list"] > li > confab-comment')].map(
    (c) => c.comment.id,
  );

async function loadMore(el: ConfabComments) {
  const before = el.shadowRoot!.querySelectorAll('confab-comment').length;
  $(el, '[part="load-more"]')!.click();
  await waitUntil(
    () => el.shadowRoot!.querySelectorAll('confab-comment').length > before,
    'no more comments came',
  );
  await settled(el);
}

/** Every top-level comment of the thread in the server's order, all pages. */
async function allTopLevel(page: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const query = new URLSearchParams({
      url: page,
      sort: 'oldest',
      limit: String(LIMITS.pageMax),
      ...(cursor && { cursor }),
    });
    const res = await fetch(`${servers.open}/api/threads?${query}`);
    const body = (await res.json()) as Awaited<ReturnType<typeof readThread>>;
    ids.push(...body.comments.filter((c) => c.parentId === null).map((c) => c.id));
    cursor = body.nextCursor;
  }
  return ids;
}

describe('<confab-comments> paging and sorting', () => {
  afterEach(forgetEverything);

  it('loads a long thread page by page with Load more, with no comment twice and none missing', async () => {
    const page = uniquePage();
    // Two full pages and a bit, with replies on the way.
    for (let i = 0; i < LIMITS.pageDefault * 2 + 5; i++) {
      const { comment } = await seed(page, { body: `Comment ${i}` });
      if (i % 20 === 0) await seed(page, { body: `Reply to ${i}`, parentId: comment.id });
    }
    const el = await mountReader({ page });
    expect(shown(el)).to.have.length(LIMITS.pageDefault);
    // The reader's own comment shows at once and must not come again with a later page.
    fillAndPost(el, { comment: 'Mine, late' });
    const mine = await posted(el);

    await loadMore(el);
    await loadMore(el);

    expect($(el, '[part="load-more"]')).to.equal(null);
    const ids = shown(el);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.deep.equal(await allTopLevel(page));
    expect(ids.at(-1)).to.equal(mine.id);
    expect(el.shadowRoot!.querySelectorAll('ol[part="replies"] confab-comment')).to.have.length(6);
  });

  it('shows newest first when its sort attribute says so', async () => {
    const page = uniquePage();
    const ids: number[] = [];
    for (const body of ['one', 'two', 'three']) ids.push((await seed(page, { body })).comment.id);

    const el = await mountReader({ page });
    el.setAttribute('sort', 'newest');
    await waitUntil(() => shown(el)[0] === ids[2], 'never sorted newest first');

    expect(shown(el)).to.deep.equal([...ids].reverse());
    expect(($(el, 'select[part="sort"]') as HTMLSelectElement).value).to.equal('newest');
  });

  it('sorts by the reader’s choice of Oldest first / Newest first / Most liked first', async () => {
    const page = uniquePage();
    const ids: number[] = [];
    for (const body of ['one', 'two', 'three']) ids.push((await seed(page, { body })).comment.id);
    const el = await mountReader({ page });
    const select = $(el, 'select[part="sort"]') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).to.deep.equal([
      ['oldest', 'Oldest first'],
      ['newest', 'Newest first'],
      ['best', 'Most liked first'],
    ]);
    expect(select.getAttribute('aria-label')).to.equal('Sort comments');

    select.focus();
    select.value = 'newest';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => shown(el)[0] === ids[2], 'never sorted newest first');
    await waitUntil(
      () => deepActiveElement()?.matches('[part="sort"]'),
      'focus was lost with the reload',
    );

    expect(shown(el)).to.deep.equal([...ids].reverse());
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
}
