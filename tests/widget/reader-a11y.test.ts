import { expect } from '@open-wc/testing';
import { control, fillAndPost, forgetEverything, mountReader, posted } from './reader-support.js';
import { formRoot, seed, settled, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

describe('<confab-comments> reader features, accessibility', () => {
  afterEach(forgetEverything);

  it('passes axe with Reply, sorting, Load more, the author’s editor and the preview open', async () => {
    const page = uniquePage();
    for (let i = 0; i < 51; i++) await seed(page, { body: `Comment ${i}` });
    const el = await mountReader({ page });
    fillAndPost(el, { comment: 'Mine' });
    const mine = await posted(el);
    const [first] = el.shadowRoot!.querySelectorAll('confab-comment');

    control(el, first!.comment.id, 'reply-button')!.click();
    control(el, mine.id, 'edit-button')!.click();
    await settled(el);
    formRoot(el).querySelector<HTMLButtonElement>('#preview-tab')!.click();
    await settled(el);

    await expect(el).to.be.accessible();
  });

  it('passes axe while asking whether to delete', async () => {
    const el = await mountReader({ page: uniquePage() });
    fillAndPost(el, { comment: 'Mine' });
    const mine = await posted(el);

    control(el, mine.id, 'delete-button')!.click();
    await waitUntil(() => control(el, mine.id, 'confirm'), 'no question');
    await settled(el);

    await expect(el).to.be.accessible();
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
}
