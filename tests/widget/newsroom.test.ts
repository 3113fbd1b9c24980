import { expect } from '@open-wc/testing';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { WIDGET_ADMIN_TOKEN } from '../support/admin-token.js';
import { axeViolations, embed, post, readerLoaded } from './embed-fixtures.js';
import { fakeClock } from './fake-clock.js';
import { watchStreams } from './reader-support.js';
import {
  $,
  commentRoots,
  formRoot,
  inComments,
  readThread,
  seed,
  servers,
  settled,
  TITLE,
  text,
  uniquePage,
} from './support.js';
import { waitUntil } from './wait.js';

/** The admin API of the suite's `open` server, as /admin calls it. */
async function admin(method: string, path: string, body: unknown) {
  const res = await fetch(`${servers.open}${path}`, {
    method,
    headers: { authorization: `Bearer ${WIDGET_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const close = (page: string) =>
  admin('PATCH', `/api/admin/threads?url=${encodeURIComponent(page)}`, { closed: true });
const feature = (id: number) => admin('PATCH', `/api/admin/comments/${id}`, { featured: true });
const staffReply = (parentId: number, body: string) =>
  admin('POST', '/api/admin/comments', { parentId, body });

const reopen = (page: string) =>
  admin('PATCH', `/api/admin/threads?url=${encodeURIComponent(page)}`, { closed: false });

const closedNotice = (el: ConfabComments) => $(el, '[part="closed"]');
const replyForm = (el: ConfabComments) => el.shadowRoot!.querySelector('confab-reply-form');
/** Where the heading and each comment are drawn: what the reader sees above the form. */
const placesAbove = (el: ConfabComments) =>
  [$(el, '[part="heading"]')!, ...el.shadowRoot!.querySelectorAll('confab-comment')].map((n) => {
    const r = n.getBoundingClientRect();
    return [r.top, r.height];
  });

/** The notice has taken the form's place, no comment offers Reply, and nothing above them moved from `before`. */
async function shownClosed(el: ConfabComments, before: number[][]) {
  await waitUntil(() => closedNotice(el), 'the notice never showed');
  await settled(el);
  expect(text(closedNotice(el))).to.equal('Comments are closed.');
  expect(replyForm(el)).to.equal(null);
  expect(inComments(el, '[part="reply-button"]')).to.have.length(0);
  expect(placesAbove(el)).to.deep.equal(before);
}

/** Waits for what loads after the first render where there is no form to show it: the Like buttons. */
async function likesLoaded(el: ConfabComments) {
  el.scrollIntoView();
  await waitUntil(() => inComments(el, '[part="like-button"]')[0], 'the reader never loaded');
  await settled(el);
  return el;
}
const likeButton = (el: ConfabComments) =>
  inComments(el, '[part="like-button"]')[0] as HTMLButtonElement;

describe('a closed thread', () => {
  it('shows its comments and WordPress’s “Comments are closed.” instead of the form, with no Reply', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Before the close' });
    await close(page);
    const el = await likesLoaded(await embed({ page, 'page-title': TITLE }));
    expect(commentRoots(el)).to.have.length(1);
    expect(text(closedNotice(el))).to.equal('Comments are closed.');
    expect(el.shadowRoot!.querySelector('confab-reply-form')).to.equal(null);
    expect(inComments(el, '[part="reply-button"]')).to.have.length(0);
  });

  it('swaps the form for the notice when the age rule closes the thread, at the time the server gave', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Before the close' });
    // The suite's servers never close by age: the thread's page says it will, in a quarter of an hour,
    // which the widget's stopped clock lets pass at once.
    const start = Date.now();
    const time = fakeClock(start);
    const inAQuarter = 15 * 60_000;
    const closesAt = new Date(start + inAQuarter).toISOString();
    const real = window.fetch;
    window.fetch = async (input, init) => {
      const res = await real(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('/api/threads?'))
        return res;
      const body = await res.json();
      body.thread.closesAt = closesAt;
      return Response.json(body);
    };
    try {
      const el = await readerLoaded(await embed({ page, 'page-title': TITLE }));
      const before = placesAbove(el);
      await waitUntil(() => time.waiting(inAQuarter), 'the widget never planned the close');

      time.advance(inAQuarter - 1);
      await settled(el);
      expect(closedNotice(el)).to.equal(null);
      expect(replyForm(el)).not.to.equal(null);

      time.advance(1);
      await shownClosed(el, before);
    } finally {
      window.fetch = real;
      time.restore();
    }
  });

  it('swaps the form for the notice live when an admin closes the thread, moving nothing above it, and back on reopening', async () => {
    const streams = watchStreams();
    try {
      const page = uniquePage();
      await seed(page, { name: 'Ann', body: 'Before the close' });
      await seed(page, { name: 'Bo', body: 'Also before' });
      const el = await readerLoaded(await embed({ page, 'page-title': TITLE }));
      await streams.opened(page);
      formRoot(el).querySelector<HTMLTextAreaElement>('#comment')!.value = 'Half a thought';
      const before = placesAbove(el);

      await close(page);
      await shownClosed(el, before);

      await reopen(page);
      await waitUntil(() => replyForm(el), 'the form never came back');
      await settled(el);
      expect(closedNotice(el)).to.equal(null);
      expect(inComments(el, '[part="reply-button"]')).to.have.length(2);
      // The reader's words waited for them.
      expect(formRoot(el).querySelector<HTMLTextAreaElement>('#comment')!.value).to.equal(
        'Half a thought',
      );
      expect(placesAbove(el)).to.deep.equal(before);
    } finally {
      streams.restore();
    }
  });

  it('says it in the page’s language', async () => {
    const page = uniquePage();
    await close(page);
    const el = await embed({ page, lang: 'fr' });
    expect(text(closedNotice(el))).to.equal('Les commentaires sont fermés.');
  });

  it('gives the form way to the notice when a post finds the thread closed meanwhile', async () => {
    const streams = watchStreams();
    try {
      const page = uniquePage();
      const el = await readerLoaded(await embed({ page, 'page-title': TITLE }));
      // Out of view, the thread follows no live updates: only the refused post can tell it.
      const live = await streams.opened(page);
      const spacer = document.createElement('div');
      spacer.style.blockSize = '300vh';
      el.before(spacer);
      scrollTo(0, 0);
      await waitUntil(() => live.readyState === EventSource.CLOSED, 'the stream stayed open');
      await close(page);
      await post(el, { comment: 'Too late', name: 'Reader', email: 'late@example.com' });
      await waitUntil(() => closedNotice(el), 'the notice never showed');
      expect(replyForm(el)).to.equal(null);
      expect((await readThread(page)).thread.count).to.equal(0);
    } finally {
      streams.restore();
    }
  });
});

describe('the article’s publication', () => {
  /** The thread's publication as the server keeps it, asked through a change that changes nothing. */
  const publishedOf = async (page: string) =>
    (await admin('PATCH', `/api/admin/threads?url=${encodeURIComponent(page)}`, { closed: null }))
      .publishedAt;

  it('goes with a post: the element’s published attribute, else the page’s article:published_time', async () => {
    const page = uniquePage();
    const el = await readerLoaded(await embed({ page, published: '2016-05-30T08:00:00+02:00' }));
    await post(el, { comment: 'Dated', name: 'Reader', email: 'dated@example.com' });
    expect(await publishedOf(page)).to.equal('2016-05-30T06:00:00.000Z');

    const meta = document.createElement('meta');
    meta.setAttribute('property', 'article:published_time');
    meta.content = '2016-05-29';
    document.head.append(meta);
    try {
      const other = uniquePage();
      const el2 = await readerLoaded(await embed({ page: other }));
      await post(el2, { comment: 'Dated by the page', name: 'Reader', email: 'meta@example.com' });
      expect(await publishedOf(other)).to.equal('2016-05-29T00:00:00.000Z');
    } finally {
      meta.remove();
    }
  });
});

describe('featured comments and staff replies', () => {
  it('lists featured comments first under a “Featured” heading, each marked, and keeps them in place', async () => {
    const page = uniquePage();
    const first = await seed(page, { name: 'Ann', body: 'First' });
    const chosen = await seed(page, { name: 'Bo', body: 'The one to read' });
    await feature(chosen.comment.id);
    const el = await embed({ page, 'page-title': TITLE });
    const section = $(el, '[part="featured"]')!;
    expect(text(section.querySelector('[part="featured-heading"]'))).to.equal('Featured');
    const inSection = [...section.querySelectorAll('confab-comment')].map((c) => c.shadowRoot!);
    expect(inSection).to.have.length(1);
    expect(text(inSection[0]!.querySelector('[part~="body"]'))).to.equal('The one to read');
    expect(text(inSection[0]!.querySelector('[part~="featured-mark"]'))).to.equal('Featured');
    // The whole thread follows, in its order: the featured comment is there too, marked.
    const all = commentRoots(el);
    expect(all.map((r) => text(r.querySelector('[part~="body"]')))).to.deep.equal([
      'The one to read',
      'First',
      'The one to read',
    ]);
    expect(all[1]!.querySelector('[part~="mark"]')).to.equal(null);
    expect(first.comment.featured).to.equal(undefined);
  });

  it('shows a staff reply under the site’s name with a “Staff” mark', async () => {
    const page = uniquePage();
    const question = await seed(page, { name: 'Ann', body: 'Is this right?' });
    await staffReply(question.comment.id, 'Yes: we checked.');
    const el = await embed({ page, 'page-title': TITLE });
    const reply = commentRoots(el)[1]!;
    expect(text(reply.querySelector('[part~="author"]'))).to.equal('The Daily Example');
    expect(text(reply.querySelector('[part~="staff-mark"]'))).to.equal('Staff');
    expect(commentRoots(el)[0]!.querySelector('[part~="staff-mark"]')).to.equal(null);
  });
});

describe('likes', () => {
  it('likes a comment once with the Like button, shows the count, and takes the like back', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Worth a like' });
    const el = await readerLoaded(await embed({ page, 'page-title': TITLE }));
    const button = likeButton(el);
    expect(text(button)).to.equal('Like');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    button.click();
    await waitUntil(() => likeButton(el).getAttribute('aria-pressed') === 'true', 'never liked');
    await settled(el);
    const count = inComments(el, '[part="like-count"]')[0]!;
    expect(text(count)).to.equal('1 like');
    expect(likeButton(el).getAttribute('aria-describedby')).to.equal(count.id);
    expect((await readThread(page)).comments[0]!.likes).to.equal(1);

    likeButton(el).click();
    await waitUntil(() => likeButton(el).getAttribute('aria-pressed') === 'false', 'never unliked');
    await settled(el);
    expect(inComments(el, '[part="like-count"]')).to.have.length(0);
    expect((await readThread(page)).comments[0]!.likes).to.equal(0);
  });

  it('names the button in the page’s language', async () => {
    const page = uniquePage();
    await seed(page);
    const el = await readerLoaded(await embed({ page, lang: 'de' }));
    expect(text(likeButton(el))).to.equal('Gefällt mir');
  });
});

describe('accessibility of the newsroom’s parts (axe-core)', () => {
  it('finds no violation with a featured section, marks, a staff reply, Like buttons and counts', async () => {
    const page = uniquePage();
    const first = await seed(page, { name: 'Ann', body: 'First' });
    await feature(first.comment.id);
    await staffReply(first.comment.id, 'Thanks, Ann.');
    const el = await readerLoaded(await embed({ page, 'page-title': TITLE }));
    likeButton(el).click();
    await waitUntil(() => inComments(el, '[part="like-count"]')[0], 'never liked');
    await settled(el);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('finds no violation in a closed thread', async () => {
    const page = uniquePage();
    await seed(page);
    await close(page);
    const el = await likesLoaded(await embed({ page, 'page-title': TITLE }));
    expect(closedNotice(el)).to.not.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
