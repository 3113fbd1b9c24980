import { expect, fixtureCleanup } from '@open-wc/testing';
import { readOwn } from '../../widget/api/storage.js';
import {
  commentEl,
  fillAndPost,
  forgetEverything,
  mountReader,
  ownIt,
  posted,
  servers,
} from './reader-support.js';
import { seed, text, uniquePage } from './support.js';

const note = (el: Element, id: number) =>
  text(commentEl(el as never, id)?.shadowRoot!.querySelector('[part="moderation"]'));

describe('<confab-comments> the author’s comment held for moderation', () => {
  afterEach(forgetEverything);

  it('shows it to its author alone, marked as awaiting moderation, after a reload too', async () => {
    const page = uniquePage();
    const first = await mountReader({ page, server: servers.moderated });
    fillAndPost(first, { comment: 'Wait for me' });
    const held = await posted(first);
    expect(note(first, held.id)).to.equal('Your comment is awaiting moderation.');
    fixtureCleanup();

    const again = await mountReader({ page, server: servers.moderated });
    expect(note(again, held.id)).to.equal('Your comment is awaiting moderation.');
    expect(text(commentEl(again, held.id)!.shadowRoot!.querySelector('[part="body"]'))).to.equal(
      'Wait for me',
    );
    fixtureCleanup();

    forgetEverything();
    const stranger = await mountReader({ page, server: servers.moderated });
    expect(commentEl(stranger, held.id)).to.equal(undefined);
  });

  it('shows it once, as the server does, when it has been approved, and stops keeping it', async () => {
    const page = uniquePage();
    const approved = await seed(page, { body: 'Approved since' });
    // Stored while it was still held.
    ownIt(
      servers.open,
      { ...approved, comment: { ...approved.comment, status: 'pending' } },
      page,
      'Approved since',
    );
    const el = await mountReader({ page });

    expect(el.shadowRoot!.querySelectorAll('confab-comment')).to.have.length(1);
    expect(note(el, approved.comment.id)).to.equal('');
    expect(readOwn(servers.open)[approved.comment.id]!.pending).to.equal(undefined);
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
}
