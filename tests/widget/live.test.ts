import { expect, fixture, html } from '@open-wc/testing';
import type { ConfabComments } from '../../widget/thread/comments.js';
import {
  commentEl,
  fillAndPost,
  forgetEverything,
  mountReader,
  posted,
  watchStreams,
} from './reader-support.js';
import { $, seed, servers, settled, TITLE, text, uniquePage } from './support.js';
import { waitUntil } from './wait.js';

const newButton = (el: ConfabComments) => $(el, '[part="new-comments"]');
const bodyOf = (el: ConfabComments, id: number) =>
  text(commentEl(el, id)?.shadowRoot!.querySelector('[part="body"]'));

async function api(method: string, id: number, token: string, body?: unknown) {
  const res = await fetch(`${servers.open}/api/comments/${id}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} failed: ${res.status}`);
}

describe('<confab-comments> live updates', () => {
  let streams: ReturnType<typeof watchStreams>;
  beforeEach(() => void (streams = watchStreams()));
  afterEach(() => {
    streams.restore();
    forgetEverything();
  });

  it('offers “1 new comment” for a comment posted elsewhere and shows it only when asked', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Already here' });
    const el = await mountReader({ page, title: TITLE });
    await streams.opened(page);

    const { comment } = await seed(page, { name: 'Newcomer', body: 'Just arrived' });
    await waitUntil(() => newButton(el), 'no new-comments button');

    expect(text(newButton(el))).to.equal('1 new comment');
    expect(commentEl(el, comment.id)).to.equal(undefined);
    const { comment: second } = await seed(page, { body: 'And another' });
    await waitUntil(() => text(newButton(el)) === '2 new comments', 'the second never counted');

    newButton(el)!.click();
    await settled(el);

    expect(bodyOf(el, comment.id)).to.equal('Just arrived');
    expect(bodyOf(el, second.id)).to.equal('And another');
    expect(newButton(el)).to.equal(null);
    expect(text($(el, '[part="heading"]'))).to.equal(`3 thoughts on “${TITLE}”`);
  });

  it('applies edits and deletions from elsewhere in place', async () => {
    const page = uniquePage();
    const edited = await seed(page, { body: 'Before' });
    const deleted = await seed(page, { body: 'Doomed' });
    const el = await mountReader({ page });
    await streams.opened(page);

    await api('PATCH', edited.comment.id, edited.editToken, { body: 'After' });
    await api('DELETE', deleted.comment.id, deleted.editToken);

    await waitUntil(() => !commentEl(el, deleted.comment.id), 'the deletion never arrived');
    expect(bodyOf(el, edited.comment.id)).to.equal('After');
    expect(
      commentEl(el, edited.comment.id)!.shadowRoot!.querySelector('[part="edited"]'),
    ).to.not.equal(null);
    expect(newButton(el)).to.equal(null);
  });

  it('does not show the reader’s own comment twice when its event arrives', async () => {
    const page = uniquePage();
    const el = await mountReader({ page });
    await streams.opened(page);

    fillAndPost(el, { comment: 'Mine' });
    const mine = await posted(el);
    // Events arrive in order: once this one is in, so is the event of the reader's own comment.
    await seed(page, { body: 'Marker' });
    await waitUntil(() => newButton(el), 'the marker never arrived');

    expect(text(newButton(el))).to.equal('1 new comment');
    expect(
      [...el.shadowRoot!.querySelectorAll('confab-comment')].filter(
        (c) => c.comment.id === mine.id,
      ),
    ).to.have.length(1);
  });

  it('opens its stream only once the whole thread and the form are drawn', async () => {
    const page = uniquePage();
    for (let i = 0; i < 12; i++) await seed(page, { body: `Comment ${i + 1}` });
    // What the page held when each stream was made: the stream is not what the first render waits for.
    const drawnAt: { comments: number; form: boolean }[] = [];
    const Watched = window.EventSource;
    window.EventSource = class extends Watched {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        const root = document.querySelector('confab-comments')?.shadowRoot;
        drawnAt.push({
          comments: root?.querySelectorAll('confab-comment').length ?? 0,
          form: !!root?.querySelector('confab-reply-form'),
        });
      }
    };
    try {
      await mountReader({ page });
      await streams.opened(page);
    } finally {
      window.EventSource = Watched;
    }
    expect(drawnAt).to.deep.equal([{ comments: 12, form: true }]);
  });

  it('keeps a stream open only while the thread is on screen, and resumes where it stopped', async () => {
    const page = uniquePage();
    const spacer = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = await mountReader({ page });
    const first = await streams.opened(page);
    await seed(page, { body: 'Seen live' });
    await waitUntil(() => newButton(el), 'the first never came');

    // A page tall enough above the thread to push it out of sight.
    spacer.style.height = '300vh';
    await waitUntil(
      () => first.readyState === EventSource.CLOSED,
      'the stream stayed open off screen',
    );
    await seed(page, { body: 'While away' });
    spacer.style.height = '0';
    const second = await streams.opened(page);

    expect(new URL(second.url).searchParams.get('lastEventId')).to.not.equal('');
    await waitUntil(() => text(newButton(el)) === '2 new comments', 'what was missed never came');
  });

  it('closes its stream while the page is in the back/forward cache and resumes when it is shown again', async () => {
    const page = uniquePage();
    const el = await mountReader({ page });
    const first = await streams.opened(page);
    await seed(page, { body: 'Before leaving' });
    await waitUntil(() => newButton(el), 'the first never came');

    dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await waitUntil(
      () => first.readyState === EventSource.CLOSED,
      'the stream stayed open in the cache',
    );
    await seed(page, { body: 'While cached' });
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    const second = await streams.opened(page);

    expect(new URL(second.url).searchParams.get('lastEventId')).to.not.equal('');
    await waitUntil(() => text(newButton(el)) === '2 new comments', 'what was missed never came');
  });

  it('loads the thread again on its return to the screen when it had nothing to resume from', async () => {
    const page = uniquePage();
    const spacer = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = await mountReader({ page });
    const first = await streams.opened(page);

    spacer.style.height = '300vh';
    await waitUntil(
      () => first.readyState === EventSource.CLOSED,
      'the stream stayed open off screen',
    );
    const { comment } = await seed(page, { body: 'While away' });
    spacer.style.height = '0';

    await waitUntil(() => commentEl(el, comment.id), 'what was missed never came');
    expect(newButton(el)).to.equal(null);
    expect($(el, '[part="loading"]')).to.equal(null);
  });

  it('loads the thread again, quietly and without moving the page, when the server says too much was missed', async () => {
    const page = uniquePage();
    const spacer = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = await mountReader({ page, title: TITLE });
    const first = await streams.opened(page);
    await seed(page, { body: 'Seen live' });
    await waitUntil(() => newButton(el), 'the first never came');
    spacer.style.height = '300vh';
    await waitUntil(
      () => first.readyState === EventSource.CLOSED,
      'the stream stayed open off screen',
    );
    // More than the server keeps for readers who come back (200 events): it can only say "resync".
    for (let i = 0; i < 21; i++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) => seed(page, { body: `Missed ${i}.${j}` })),
      );
    }

    spacer.style.height = '100vh';
    el.scrollIntoView();
    const scrolled = scrollY;
    await waitUntil(
      () => text($(el, '[part="heading"]')) === `211 thoughts on “${TITLE}”`,
      'never loaded again',
    );

    expect(scrollY).to.equal(scrolled);
    expect(newButton(el)).to.equal(null);
    expect($(el, '[part="loading"]')).to.equal(null);
    expect($(el, '[part="load-more"]')).to.not.equal(null);
  });

  it('closes its stream when removed, and follows a new page attribute', async () => {
    const [a, b] = [uniquePage(), uniquePage()];
    const el = await mountReader({ page: a });
    const first = await streams.opened(a);

    el.setAttribute('page', b);
    const second = await streams.opened(b);
    expect(first.readyState).to.equal(EventSource.CLOSED);

    el.remove();
    await waitUntil(
      () => second.readyState === EventSource.CLOSED,
      'the stream outlived the element',
    );
  });
});

declare global {
  function afterEach(body: () => void | Promise<void>): void;
  function beforeEach(body: () => void | Promise<void>): void;
}
