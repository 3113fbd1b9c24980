import { expect } from '@open-wc/testing';
import { commentEl, forgetEverything, mountReader } from './reader-support.js';
import { formRoot, seed, settled, uniquePage } from './support.js';

describe('right-to-left author names', () => {
  afterEach(forgetEverything);

  it('are isolated, so they cannot reorder the date beside them or the reply heading', async () => {
    const page = uniquePage();
    const seeded = await seed(page, { name: 'מרים\u202E' });
    const el = await mountReader({ page });
    const comment = commentEl(el, seeded.comment.id)!;
    const author = comment.shadowRoot!.querySelector<HTMLElement>('[part="author"]')!;
    expect(getComputedStyle(author).unicodeBidi).to.equal('isolate');

    comment.shadowRoot!.querySelector<HTMLButtonElement>('[part="reply-button"]')!.click();
    await settled(el);
    const bdi = formRoot(el).querySelector('bdi');
    expect(bdi?.textContent).to.equal('מרים\u202E');
    expect(bdi?.parentElement?.textContent).to.contain('Leave a Reply to מרים\u202E');
  });
});
