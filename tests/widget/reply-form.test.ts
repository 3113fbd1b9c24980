import { expect, oneEvent } from '@open-wc/testing';
import { LIMITS } from '../../server/schema/limits.js';
import type { CommentPostedEvent } from '../../widget/events.js';
import type { ReplyForm } from '../../widget/form/reply-form.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import {
  $,
  commentRoots,
  formRoot,
  mount,
  readThread,
  servers,
  settled,
  TITLE,
  text,
  uniquePage,
  unreachable,
} from './support.js';
import { waitUntil } from './wait.js';

interface Entry {
  comment?: string;
  name?: string;
  email?: string;
  website?: string;
}

/** Types into the form as a reader would and presses Post Comment. */
function fillAndPost(el: ConfabComments, entry: Entry) {
  const form = formRoot(el);
  const values = {
    comment: 'A reader’s comment',
    name: 'Reader',
    email: 'reader@example.com',
    website: '',
    ...entry,
  };
  for (const [id, value] of Object.entries(values)) {
    form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!.value = value;
  }
  form.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
}

function field(el: ConfabComments, id: string) {
  return formRoot(el).querySelector<HTMLInputElement>(`#${id}`)!;
}

async function statusSettles(el: ConfabComments) {
  const form = el.shadowRoot!.querySelector<ReplyForm>('confab-reply-form')!;
  await settled(el);
  await waitUntil(() => !form.busy, 'posting never finished');
  await settled(el);
  return text(formRoot(el).querySelector('[part="status"]'));
}

describe('<confab-comments> reply form', () => {
  it('has the WordPress fields, labels and texts', async () => {
    const el = await mount({ page: uniquePage(), title: TITLE });
    // Remember-me arrives with the features loaded after the first render.
    await waitUntil(() => formRoot(el).querySelector('#remember'), 'remember-me never came');
    await settled(el);
    const form = formRoot(el);

    expect(text(form.querySelector('[part="form-heading"]'))).to.equal('Leave a Reply');
    expect(text(form.querySelector('[part="note"]'))).to.equal(
      'Your email address will not be published. Required fields are marked *',
    );
    const labels = [...form.querySelectorAll('label')].map((l) => [text(l), l.htmlFor]);
    expect(labels).to.deep.equal([
      ['Comment *', 'comment'],
      ['Name *', 'name'],
      ['Email *', 'email'],
      ['Website', 'website'],
      ['Save my name, email, and website in this browser for the next time I comment.', 'remember'],
    ]);
    for (const star of form.querySelectorAll('label span'))
      expect(star.getAttribute('aria-hidden')).to.equal('true');

    const comment = form.querySelector('textarea')!;
    expect(comment.getAttribute('part')).to.equal('textarea');
    expect([comment.id, comment.required, comment.maxLength]).to.deep.equal([
      'comment',
      true,
      LIMITS.bodyMax,
    ]);
    const input = (id: string) => form.querySelector<HTMLInputElement>(`input#${id}`)!;
    expect([
      input('name').required,
      input('name').autocomplete,
      input('name').maxLength,
    ]).to.deep.equal([true, 'name', LIMITS.nameMax]);
    expect([
      input('email').type,
      input('email').required,
      input('email').autocomplete,
    ]).to.deep.equal(['email', true, 'email']);
    expect(input('email').getAttribute('aria-describedby')).to.equal('email-note');
    expect([
      input('website').type,
      input('website').required,
      // The attribute, not the IDL property: Firefox reflects only the autofill tokens it implements.
      input('website').getAttribute('autocomplete'),
    ]).to.deep.equal(['url', false, 'url']);
    const submit = form.querySelector('button[part="submit"]')!;
    expect(text(submit)).to.equal('Post Comment');
    expect(form.querySelector('[part="status"]')!.getAttribute('aria-live')).to.equal('polite');
  });

  it('posts a comment that appears without a reload, once on the server, and clears only the comment box', async () => {
    const page = uniquePage();
    const el = await mount({ page, title: TITLE });
    const posted = oneEvent(document, 'confab-comment-posted') as Promise<CommentPostedEvent>;

    fillAndPost(el, { comment: 'Well *said*', name: 'Dana', website: 'https://dana.example/' });
    await settled(el);
    expect(formRoot(el).querySelector('[part="submit"]')!.getAttribute('aria-disabled')).to.equal(
      'true',
    );
    const { comment } = await posted;

    expect(await statusSettles(el)).to.equal('Your comment was posted.');
    expect(text($(el, '[part="heading"]'))).to.equal(`One thought on “${TITLE}”`);
    const [root] = commentRoots(el);
    expect(root!.querySelector('article')!.id).to.equal(`comment-${comment.id}`);
    expect(root!.querySelector('[part="body"] em')!.textContent).to.equal('said');
    expect(root!.querySelector('[part="author"] a')!.getAttribute('href')).to.equal(
      'https://dana.example/',
    );
    expect(field(el, 'comment').value).to.equal('');
    expect(field(el, 'name').value).to.equal('Dana');
    expect(formRoot(el).querySelector('[part="submit"]')!.hasAttribute('aria-disabled')).to.equal(
      false,
    );

    const { thread, comments } = await readThread(page);
    expect(thread.count).to.equal(1);
    expect(comments.map((c) => c.id)).to.deep.equal([comment.id]);
  });

  it('posts from a page whose title is longer than the server keeps, without splitting a character', async () => {
    const page = uniquePage();
    const el = await mount({ page, title: `${'x'.repeat(LIMITS.titleMax - 1)}😀 and more` });

    fillAndPost(el, {});

    expect(await statusSettles(el)).to.equal('Your comment was posted.');
    expect((await readThread(page)).thread.title).to.equal('x'.repeat(LIMITS.titleMax - 1));
  });

  it('shows the server’s email error beside the email field, marked invalid and focused', async () => {
    const page = uniquePage();
    const el = await mount({ page, title: TITLE });
    formRoot(el).querySelector('form')!.noValidate = true;

    fillAndPost(el, { email: 'not-an-email' });

    expect(await statusSettles(el)).to.equal('Please correct the marked fields and try again.');
    const email = field(el, 'email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.equal('email-note email-error');
    expect(text(formRoot(el).querySelector('#email-error'))).to.equal(
      'Email must be a valid email address.',
    );
    expect(formRoot(el).activeElement).to.equal(email);
    expect(field(el, 'name').hasAttribute('aria-invalid')).to.equal(false);
    expect(field(el, 'comment').value).to.equal('A reader’s comment');
    expect((await readThread(page)).comments).to.have.length(0);
  });

  it('refuses a comment of only spaces with a message beside the comment box', async () => {
    const el = await mount({ page: uniquePage(), title: TITLE });

    fillAndPost(el, { comment: '   ' });

    await statusSettles(el);
    const comment = field(el, 'comment');
    expect(comment.getAttribute('aria-invalid')).to.equal('true');
    expect(comment.getAttribute('aria-describedby')).to.equal('comment-error');
    expect(text(formRoot(el).querySelector('#comment-error'))).to.equal(
      'Comment must not be blank.',
    );
    expect(commentRoots(el)).to.have.length(0);
  });

  it('shows a held comment as awaiting moderation and leaves the count alone', async () => {
    const page = uniquePage();
    const el = await mount({ page, title: TITLE, server: servers.moderated });

    fillAndPost(el, {});

    expect(await statusSettles(el)).to.equal('Your comment is awaiting moderation.');
    expect(text($(el, '[part="heading"]'))).to.equal(`No thoughts yet on “${TITLE}”`);
    const [root] = commentRoots(el);
    expect(text(root!.querySelector('[part="moderation"]'))).to.equal(
      'Your comment is awaiting moderation.',
    );
  });

  it('tells the reader in words when the server cannot be reached', async () => {
    const el = await mount({ page: uniquePage(), title: TITLE, server: unreachable });

    fillAndPost(el, {});

    expect(await statusSettles(el)).to.equal(
      'The comments server could not be reached. Check your connection and try again.',
    );
    expect(field(el, 'comment').value).to.equal('A reader’s comment');
  });
});
