import { expect, fixture, html } from '@open-wc/testing';
import type { ConfabCount } from '../../widget/count/count.js';
import { requestsSince } from './reader-support.js';
import { seed, servers, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

async function counts(pages: string[]): Promise<ConfabCount[]> {
  const list = await fixture<HTMLUListElement>(
    html`<ul>
      ${pages.map((page) => html`<li><confab-count page=${page} server=${servers.open}></confab-count></li>`)}
    </ul>`,
  );
  const els = [...list.querySelectorAll('confab-count')];
  await waitUntil(
    () => els.every((el) => el.shadowRoot!.textContent!.trim()),
    'the counts never showed',
  );
  return els;
}

const shownText = (el: ConfabCount) => el.shadowRoot!.textContent!.trim();

describe('<confab-count>', () => {
  it('says “No thoughts yet”, “One thought” and “N thoughts”', async () => {
    const [none, one, three] = [uniquePage(), uniquePage(), uniquePage()];
    await seed(one, { body: 'Only' });
    for (const body of ['a', 'b', 'c']) await seed(three, { body });

    const els = await counts([none, one, three]);

    expect(els.map(shownText)).to.deep.equal(['No thoughts yet', 'One thought', '3 thoughts']);
  });

  it('fetches the counts of 20 pages in one request', async () => {
    performance.setResourceTimingBufferSize(1000);
    const pages = Array.from({ length: 20 }, () => uniquePage());
    for (const [i, page] of pages.entries()) if (i % 4 === 0) await seed(page, { body: `On ${i}` });
    const start = performance.now();

    const els = await counts(pages);

    expect(requestsSince(start, '/api/counts')).to.have.length(1);
    expect(els.map(shownText)).to.deep.equal(
      pages.map((_, i) => (i % 4 === 0 ? 'One thought' : 'No thoughts yet')),
    );
  });

  it('counts again when its page attribute changes', async () => {
    const [a, b] = [uniquePage(), uniquePage()];
    await seed(b, { body: 'Over here' });
    const [el] = await counts([a]);
    expect(shownText(el!)).to.equal('No thoughts yet');

    el!.setAttribute('page', b);

    await waitUntil(() => shownText(el!) === 'One thought', 'never counted the new page');
  });
});
