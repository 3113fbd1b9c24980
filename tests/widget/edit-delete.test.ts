import { expect } from '@open-wc/testing';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { deepActiveElement } from './embed-fixtures.js';
import { fakeClock } from './fake-clock.js';
import {
  commentEl,
  control,
  fillAndPost,
  forgetEverything,
  mountReader,
  ownIt,
  posted,
  servers,
} from './reader-support.js';
import { $, readThread, seed, settled, TITLE, text, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

const body = (el: ConfabComments, id: number) =>
  commentEl(el, id)!.shadowRoot!.querySelector('[part="body"]')!;

async function click(el: ConfabComments, id: number, part: string) {
  control(el, id, part)!.click();
  await settled(el);
}

async function saveEdit(el: ConfabComments, id: number, source: string) {
  await click(el, id, 'edit-button');
  commentEl(el, id)!.shadowRoot!.querySelector('textarea')!.value = source;
  await click(el, id, 'save');
  await waitUntil(
    () => !control(el, id, 'save') || control(el, id, 'action-error'),
    'saving never finished',
  );
  await settled(el);
}

describe('<confab-comments> the author’s Edit and Delete', () => {
  afterEach(forgetEverything);

  it('shows Edit and Delete on the reader’s own comment only', async () => {
    const page = uniquePage();
    const { comment: other } = await seed(page, { body: 'Someone else' });
    const el = await mountReader({ page });

    fillAndPost(el, { comment: 'Mine' });
    const mine = await posted(el);

    expect(text(control(el, mine.id, 'edit-button'))).to.equal('Edit');
    expect(text(control(el, mine.id, 'delete-button'))).to.equal('Delete');
    expect(control(el, other.id, 'edit-button')).to.equal(null);
    expect(control(el, other.id, 'delete-button')).to.equal(null);
  });

  it('edits in place from the posted source, marks the comment Edited and keeps the new source for next time', async () => {
    const el = await mountReader({ page: uniquePage() });
    fillAndPost(el, { comment: 'Hello *world*' });
    const mine = await posted(el);

    await click(el, mine.id, 'edit-button');
    const editor = commentEl(el, mine.id)!.shadowRoot!.querySelector('textarea')!;
    expect(editor.value).to.equal('Hello *world*');
    expect(deepActiveElement()).to.equal(editor);
    editor.value = 'Bye **all**';
    await click(el, mine.id, 'save');
    await waitUntil(() => body(el, mine.id).querySelector('strong'), 'the edit never showed');
    await settled(el);

    expect(text(body(el, mine.id))).to.equal('Bye all');
    const edited = commentEl(el, mine.id)!.shadowRoot!.querySelector('time[part="edited"]')!;
    expect(text(edited)).to.equal('Edited');
    const { comments } = await readThread(el.page!);
    expect(edited.getAttribute('datetime')).to.equal(comments[0]!.editedAt);
    expect(edited.getAttribute('title')).to.match(/\d{4} at \d{1,2}:\d{2}/);
    expect(deepActiveElement()).to.equal(control(el, mine.id, 'edit-button'));

    await click(el, mine.id, 'edit-button');
    expect(commentEl(el, mine.id)!.shadowRoot!.querySelector('textarea')!.value).to.equal(
      'Bye **all**',
    );
  });

  it('asks "Delete this comment? Yes / No" in place, and No leaves it be', async () => {
    const el = await mountReader({ page: uniquePage() });
    fillAndPost(el, { comment: 'Keep me' });
    const mine = await posted(el);

    await click(el, mine.id, 'delete-button');
    expect(text(control(el, mine.id, 'confirm'))).to.equal('Delete this comment? Yes No');
    expect(deepActiveElement()).to.equal(control(el, mine.id, 'no'));
    await click(el, mine.id, 'no');

    expect(control(el, mine.id, 'confirm')).to.equal(null);
    expect(deepActiveElement()).to.equal(control(el, mine.id, 'delete-button'));
    expect((await readThread(el.page!)).comments).to.have.length(1);
  });

  it('removes a deleted comment without replies and counts it no more', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Another' });
    const el = await mountReader({ page, title: TITLE });
    fillAndPost(el, { comment: 'Regrettable' });
    const mine = await posted(el);
    expect(text($(el, '[part="heading"]'))).to.equal(`2 thoughts on “${TITLE}”`);

    await click(el, mine.id, 'delete-button');
    await click(el, mine.id, 'yes');
    await waitUntil(() => !commentEl(el, mine.id), 'the comment stayed');

    expect(text($(el, '[part="heading"]'))).to.equal(`One thought on “${TITLE}”`);
    expect((await readThread(page)).comments.map((c) => c.id)).to.not.include(mine.id);
  });

  it('leaves “This comment was deleted.” in place of a deleted comment with replies, which stay under it', async () => {
    const page = uniquePage();
    const mine = await seed(page, { body: 'Started it' });
    ownIt(servers.open, mine, page, 'Started it');
    const { comment: reply } = await seed(page, {
      name: 'Cy',
      body: 'Answered',
      parentId: mine.comment.id,
    });
    const el = await mountReader({ page });

    await click(el, mine.comment.id, 'delete-button');
    await click(el, mine.comment.id, 'yes');
    await waitUntil(
      () => commentEl(el, mine.comment.id)?.comment.status === 'deleted',
      'no placeholder',
    );
    await settled(el);

    const placeholder = commentEl(el, mine.comment.id)!;
    expect(text(placeholder.shadowRoot)).to.equal('This comment was deleted.');
    expect(placeholder.shadowRoot!.querySelector('[part~="author"], [part~="avatar"]')).to.equal(
      null,
    );
    expect(
      commentEl(el, reply.id)!.closest('li')!.parentElement!.closest('li')!.firstElementChild,
    ).to.equal(placeholder);
    expect(
      (await readThread(page)).comments.find((c) => c.id === mine.comment.id)!.status,
    ).to.equal('deleted');
  });

  it('says in words when the stored token is not the comment’s, and changes nothing', async () => {
    const page = uniquePage();
    const mine = await seed(page, { body: 'Original' });
    ownIt(servers.open, { ...mine, editToken: `${mine.editToken}x` }, page, 'Original');
    const el = await mountReader({ page });

    await saveEdit(el, mine.comment.id, 'Tampered');

    const error = control(el, mine.comment.id, 'action-error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.equal(
      'This comment can only be changed from the browser it was posted from.',
    );
    expect(text(body(el, mine.comment.id))).to.equal('Original');
    expect((await readThread(page)).comments[0]!.html).to.contain('Original');
  });

  it('takes Edit and Delete away by itself when the edit window closes', async () => {
    const time = fakeClock();
    try {
      const el = await mountReader({ page: uniquePage() });
      fillAndPost(el, { comment: 'Quick one' });
      const mine = await posted(el);

      // The open server's window is fifteen minutes; a second before it closes nothing has changed.
      time.advance(899_000);
      await settled(el);
      expect(control(el, mine.id, 'edit-button')).to.not.equal(null);

      time.advance(1_000);
      await waitUntil(
        () => !control(el, mine.id, 'delete-button'),
        'Edit and Delete outlived the window',
      );
      expect(control(el, mine.id, 'edit-button')).to.equal(null);
      expect(control(el, mine.id, 'reply-button')).to.not.equal(null);
    } finally {
      time.restore();
    }
  });

  it('says the time is up when the server’s edit window has closed', async () => {
    const page = uniquePage();
    // Closed the moment after posting, on the server's clock.
    const mine = await seed(page, { body: 'Too late' }, servers.closedEdit);
    // As a browser whose clock runs slow would: it still offers Edit.
    ownIt(servers.closedEdit, mine, page, 'Too late', Date.now() + 3_600_000);
    const el = await mountReader({ page, server: servers.closedEdit });

    await saveEdit(el, mine.comment.id, 'Second thoughts');

    expect(text(control(el, mine.comment.id, 'action-error'))).to.equal(
      'The time to edit or delete this comment has passed.',
    );
    expect(text(body(el, mine.comment.id))).to.equal('Too late');
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
}
