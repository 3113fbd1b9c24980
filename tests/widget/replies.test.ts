import { expect, fixture, html } from '@open-wc/testing';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { deepActiveElement } from './embed-fixtures.js';
import {
  commentEl,
  control,
  fillAndPost,
  mountReader,
  posted,
  readerReady,
} from './reader-support.js';
import { $, formRoot, readThread, seed, servers, settled, text, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

const heading = (el: Element) => text(formRoot(el).querySelector('[part="form-heading"]'));

/** How many lists a comment is nested in: 1 at the top level, 2 for a reply, … */
const depth = (el: Element, id: number) => {
  let n = 0;
  for (let node = commentEl(el as never, id)?.parentElement; node; node = node.parentElement)
    if (node.localName === 'ol') n++;
  return n;
};

describe('<confab-comments> replies', () => {
  it('moves the form under the comment on Reply, says "Leave a Reply to NAME" and puts focus in the comment box', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { name: 'Ann', body: 'First' });
    const el = await mountReader({ page });

    control(el, comment.id, 'reply-button')!.click();
    await settled(el);

    const form = el.shadowRoot!.querySelector('confab-reply-form')!;
    expect(form.previousElementSibling).to.equal(commentEl(el, comment.id));
    expect(heading(el)).to.equal('Leave a Reply to Ann Cancel reply');
    expect(deepActiveElement()).to.equal(formRoot(el).querySelector('textarea'));
  });

  it('draws the form once, where it stays until a reply moves it: never taken out and put back as the thread arrives', async () => {
    const page = uniquePage();
    await seed(page, { name: 'Ann', body: 'First' });
    const el = await fixture<ConfabComments>(
      html`<confab-comments page=${page} server=${servers.open} loading="eager"></confab-comments>`,
    );
    const removed: string[] = [];
    const watcher = new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.removedNodes) removed.push(n.nodeName.toLowerCase());
    });
    watcher.observe(el.shadowRoot!, { childList: true, subtree: true });
    await waitUntil(() => el.shadowRoot!.querySelector('confab-reply-form'), 'no form');
    await readerReady(el);
    watcher.disconnect();
    // Taken out and put back, the form would lose a reader's focus in it (and the thread draw once more).
    expect(removed).to.not.include('confab-reply-form');
    expect(el.shadowRoot!.querySelectorAll('confab-reply-form')).to.have.length(1);
  });

  it('puts the form back under the thread on Cancel reply and focus back on Reply', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { name: 'Ann', body: 'First' });
    const el = await mountReader({ page });
    control(el, comment.id, 'reply-button')!.click();
    await settled(el);

    formRoot(el).querySelector<HTMLButtonElement>('[part="cancel-reply"]')!.click();
    await settled(el);

    expect(el.shadowRoot!.lastElementChild!.localName).to.equal('confab-reply-form');
    expect(heading(el)).to.equal('Leave a Reply');
    expect(deepActiveElement()).to.equal(control(el, comment.id, 'reply-button'));
  });

  it('keeps what the reader has typed when the form moves', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { body: 'First' });
    const el = await mountReader({ page });
    formRoot(el).querySelector('textarea')!.value = 'Half a thought';

    control(el, comment.id, 'reply-button')!.click();
    await settled(el);

    expect(formRoot(el).querySelector('textarea')!.value).to.equal('Half a thought');
  });

  it('posts a reply that nests under its parent, then sends the form back under the thread', async () => {
    const page = uniquePage();
    const { comment: parent } = await seed(page, { name: 'Ann', body: 'First' });
    await seed(page, { name: 'Bob', body: 'Second' });
    const el = await mountReader({ page });
    control(el, parent.id, 'reply-button')!.click();
    await settled(el);

    fillAndPost(el, { comment: 'Agreed, Ann' });
    const reply = await posted(el);

    expect(reply.parentId).to.equal(parent.id);
    const replies = commentEl(el, parent.id)!.parentElement!.querySelectorAll(
      ':scope > ol[part="replies"] > li > confab-comment',
    );
    expect(
      [...replies].map((c) => text(c.shadowRoot!.querySelector('[part="body"]'))),
    ).to.deep.equal(['Agreed, Ann']);
    expect(el.shadowRoot!.lastElementChild!.localName).to.equal('confab-reply-form');
    expect(heading(el)).to.equal('Leave a Reply');
    expect((await readThread(page)).comments.find((c) => c.id === reply.id)!.parentId).to.equal(
      parent.id,
    );
  });

  it('keeps the form under the comment when the reply is refused, to fix and send again', async () => {
    const page = uniquePage();
    const { comment: parent } = await seed(page, { name: 'Ann', body: 'First' });
    const el = await mountReader({ page });
    control(el, parent.id, 'reply-button')!.click();
    await settled(el);
    formRoot(el).querySelector('form')!.noValidate = true;

    fillAndPost(el, { comment: 'Agreed', email: 'not-an-email' });
    await waitUntil(
      () => formRoot(el).querySelector('[part="field-error"]'),
      'the refusal never showed',
    );
    await settled(el);

    expect(el.shadowRoot!.querySelector('confab-reply-form')!.previousElementSibling).to.equal(
      commentEl(el, parent.id),
    );
    expect(heading(el)).to.equal('Leave a Reply to Ann Cancel reply');
  });

  it('nests replies level by level to the server’s depth limit, where a reply joins its parent’s level', async () => {
    const page = uniquePage();
    // The server's default limit is 5 levels: a top-level comment and four levels of replies.
    let parentId: number | undefined;
    const chain: number[] = [];
    for (let level = 0; level < 5; level++) {
      const { comment } = await seed(page, { body: `Level ${level}`, parentId });
      chain.push((parentId = comment.id));
    }
    const el = await mountReader({ page });
    expect(chain.map((id) => depth(el, id))).to.deep.equal([1, 2, 3, 4, 5]);

    control(el, chain[4]!, 'reply-button')!.click();
    await settled(el);
    fillAndPost(el, { comment: 'Deeper still' });
    const reply = await posted(el);

    expect(reply.parentId).to.equal(chain[3]);
    expect(depth(el, reply.id)).to.equal(5);
    expect($(el, 'ol ol ol ol ol ol')).to.equal(null);
  });

  it('offers no Reply on a comment held for moderation', async () => {
    const el = await mountReader({
      page: uniquePage(),
      server: window.__CONFAB_SERVERS__.moderated,
    });

    fillAndPost(el, { comment: 'Held back' });
    const held = await posted(el);

    expect(held.status).to.equal('pending');
    expect(commentEl(el, held.id)).to.not.equal(undefined);
    expect(control(el, held.id, 'reply-button')).to.equal(null);
  });
});
