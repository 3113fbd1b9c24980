import { expect } from '@open-wc/testing';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { fakeClock } from './fake-clock.js';
import {
  fillAndPost,
  forgetEverything,
  mountReader,
  postedAfterMinimumAge,
  requestsSince,
  servers,
} from './reader-support.js';
import { formRoot, readThread, settled, text, uniquePage } from './support.js';

const honeypot = (el: ConfabComments) =>
  formRoot(el).querySelector<HTMLInputElement>('input[name="hp"]')!;

describe('<confab-comments> posting defences', () => {
  let time: ReturnType<typeof fakeClock>;
  beforeEach(() => {
    time = fakeClock();
  });
  afterEach(() => {
    time.restore();
    forgetEverything();
  });

  it('solves the server’s proof of work from the moment the reader turns to the form, and the post goes through', async () => {
    const page = uniquePage();
    const el = await mountReader({ page, server: servers.pow });
    const start = performance.now();

    formRoot(el).querySelector('textarea')!.focus();
    fillAndPost(el, { comment: 'Worked for it' });
    const comment = await postedAfterMinimumAge(el, time);

    expect(comment.status).to.equal('approved');
    expect(text(formRoot(el).querySelector('[part="status"]'))).to.equal(
      'Your comment was posted.',
    );
    expect(requestsSince(start, '/api/challenge')).to.have.length(1);
    const { comments } = await readThread(page, servers.pow);
    expect(comments.map((c) => c.id)).to.deep.equal([comment.id]);
  });

  it('asks for a new challenge for each comment', async () => {
    const page = uniquePage();
    const el = await mountReader({ page, server: servers.pow });
    const start = performance.now();

    fillAndPost(el, { comment: 'One' });
    await postedAfterMinimumAge(el, time);
    fillAndPost(el, { comment: 'Two' });
    await postedAfterMinimumAge(el, time);

    expect(requestsSince(start, '/api/challenge')).to.have.length(2);
    expect((await readThread(page, servers.pow)).comments.map((c) => c.status)).to.deep.equal([
      'approved',
      'approved',
    ]);
  });

  it('hides the honeypot field from people and sends it, so a filled one is held', async () => {
    const page = uniquePage();
    const el = await mountReader({ page, server: servers.pow });
    const field = honeypot(el);

    expect(field.tabIndex).to.equal(-1);
    expect(field.autocomplete).to.equal('off');
    expect(field.closest('[aria-hidden="true"]')).to.not.equal(null);
    // Drawn in a 1px box that clips it: nothing of it shows.
    const box = field.parentElement!;
    expect(box.getBoundingClientRect().width).to.be.at.most(1);
    expect(getComputedStyle(box).overflow).to.equal('hidden');

    // What a bot filling every field does.
    field.value = 'https://spam.example/';
    fillAndPost(el, { comment: 'Buy now' });
    const comment = await postedAfterMinimumAge(el, time);
    await settled(el);

    expect(comment.status).to.equal('pending');
    expect((await readThread(page, servers.pow)).comments).to.have.length(0);
  });
});

declare global {
  function beforeEach(body: () => void | Promise<void>): void;
  function afterEach(body: () => void | Promise<void>): void;
}
