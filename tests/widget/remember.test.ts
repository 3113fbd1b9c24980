import { expect, fixtureCleanup } from '@open-wc/testing';
import { readAuthor, writeAuthor } from '../../widget/api/storage.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { fillAndPost, forgetEverything, mountReader, posted } from './reader-support.js';
import { formRoot, text, uniquePage } from './support.js';

const box = (el: ConfabComments) =>
  formRoot(el).querySelector<HTMLInputElement>('input[part="remember"]')!;
const fields = (el: ConfabComments) =>
  ['name', 'email', 'website'].map(
    (id) => formRoot(el).querySelector<HTMLInputElement>(`#${id}`)!.value,
  );

describe('<confab-comments> remember me', () => {
  afterEach(forgetEverything);

  it('offers WordPress’s “Save my name, email, and website…” checkbox, unticked for a newcomer', async () => {
    const el = await mountReader({ page: uniquePage() });

    expect(box(el).type).to.equal('checkbox');
    expect(box(el).checked).to.equal(false);
    expect(text(formRoot(el).querySelector(`label[for="${box(el).id}"]`))).to.equal(
      'Save my name, email, and website in this browser for the next time I comment.',
    );
    expect(fields(el)).to.deep.equal(['', '', '']);
  });

  it('keeps the details when ticked, and fills them in with the box ticked on the next visit', async () => {
    const page = uniquePage();
    const first = await mountReader({ page });
    box(first).checked = true;
    fillAndPost(first, {
      name: 'Dana',
      email: 'dana@example.com',
      website: 'https://dana.example/',
    });
    await posted(first);
    fixtureCleanup();

    const again = await mountReader({ page });

    expect(fields(again)).to.deep.equal(['Dana', 'dana@example.com', 'https://dana.example/']);
    expect(box(again).checked).to.equal(true);
  });

  it('forgets the details when a comment is posted with the box unticked', async () => {
    writeAuthor({ name: 'Eve', email: 'eve@example.com' });
    const page = uniquePage();
    const first = await mountReader({ page });
    expect(fields(first)).to.deep.equal(['Eve', 'eve@example.com', '']);
    expect(box(first).checked).to.equal(true);

    box(first).checked = false;
    fillAndPost(first, { name: 'Eve', email: 'eve@example.com' });
    await posted(first);
    fixtureCleanup();
    const again = await mountReader({ page });

    expect(readAuthor()).to.equal(null);
    expect(fields(again)).to.deep.equal(['', '', '']);
    expect(box(again).checked).to.equal(false);
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
}
