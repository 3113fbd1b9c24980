import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { axeViolations, embed, post, readerLoaded } from './embed-fixtures.js';
import { CAN_EMULATE_MEDIA, rulesUnder } from './media.js';
import {
  $,
  commentRoots,
  formRoot,
  inComments,
  seed,
  servers,
  settled,
  TITLE,
  text,
  uniquePage,
} from './support.js';
import { waitUntil } from './wait.js';

/** A thread with a linked author, a nested reply and Markdown (a link, a quote, code) in the bodies. */
async function busyThread() {
  const page = uniquePage();
  const first = await seed(page, {
    name: 'Ann',
    website: 'https://ann.example/',
    body: 'See [the report](https://example.com/report) and `code`.\n\n> quoted',
  });
  await seed(page, { name: 'Bob', body: 'A reply', parentId: first.comment.id });
  return page;
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('finds no violation in a thread with links, quotes, code and a nested reply, nor in the empty form', async () => {
    const el = await embed({ page: await busyThread(), 'page-title': TITLE });
    expect(commentRoots(el)).to.have.length(2);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('finds no violation once the reader has loaded: Reply, sorting, the Write/Preview tabs and remember-me', async () => {
    const el = await readerLoaded(await embed({ page: await busyThread(), 'page-title': TITLE }));
    expect(el.shadowRoot!.querySelector('[part~="sort"]')).to.not.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('finds no violation with the form under a comment, as “Leave a Reply to NAME” with Cancel reply', async () => {
    const el = await readerLoaded(await embed({ page: await busyThread() }));
    inComments(el, '[part~="reply-button"]')[0]!.click();
    await waitUntil(
      () => formRoot(el).querySelector('[part~="cancel-reply"]'),
      'the form never moved',
    );
    await settled(el);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('finds no violation in the preview, the author’s editor and the delete question', async () => {
    const el = await readerLoaded(await embed({ page: uniquePage() }));
    await post(el, { comment: 'Mine, to **edit**.', name: 'Author', email: 'author@example.com' });

    formRoot(el).querySelector<HTMLTextAreaElement>('#comment')!.value = 'A *preview*';
    formRoot(el).querySelector<HTMLButtonElement>('#preview-tab')!.click();
    await waitUntil(() => formRoot(el).querySelector('#preview em'), 'the preview never showed');
    expect(await axeViolations(el), 'preview').to.deep.equal([]);

    inComments(el, '[part~="edit-button"]')[0]!.click();
    await waitUntil(() => inComments(el, '[part~="editor"]')[0], 'the editor never opened');
    expect(await axeViolations(el), 'editor').to.deep.equal([]);

    inComments(el, '[part~="editor"] [part~="cancel"]')[0]!.click();
    await waitUntil(() => inComments(el, '[part~="delete-button"]')[0], 'the editor never closed');
    inComments(el, '[part~="delete-button"]')[0]!.click();
    await waitUntil(() => inComments(el, '[part~="confirm"]')[0], 'the question never came');
    expect(await axeViolations(el), 'delete question').to.deep.equal([]);
  });

  it('finds no violation while a field shows the server’s error', async () => {
    const el = await embed({ page: uniquePage(), 'page-title': TITLE });
    formRoot(el).querySelector('form')!.noValidate = true;
    await post(el, { comment: 'Hello', name: 'Reader', email: 'not-an-email' });
    expect(formRoot(el).querySelector('#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('finds no violation when the reader’s comment is held for moderation', async () => {
    const el = await embed({ page: uniquePage(), 'page-title': TITLE, server: servers.moderated });
    await post(el, { comment: 'Held back', name: 'Reader', email: 'reader@example.com' });
    expect(text(commentRoots(el)[0]!.querySelector('[part~="moderation"]'))).to.equal(
      'Your comment is awaiting moderation.',
    );
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('finds no violation in the load error with its Retry button', async () => {
    const el = await embed({ page: uniquePage(), server: 'http://127.0.0.1:9' });
    expect($(el, '[part~="load-error"]')).to.not.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('keeps text contrast at AA on a light page and, with theme="dark", on a dark one', async () => {
    const page = await busyThread();
    const light = await fixture<HTMLDivElement>(html`<div class="light-page"></div>`);
    Object.assign(light.style, { background: '#ffffff', color: '#222222' });
    const dark = await fixture<HTMLDivElement>(html`<div class="dark-page"></div>`);
    Object.assign(dark.style, { background: '#16181d', color: '#e6e6e6' });
    const onLight = await readerLoaded(await embed({ page, theme: 'light' }, light));
    const onDark = await readerLoaded(await embed({ page, theme: 'dark' }, dark));
    // An error, so the error colour is measured too.
    for (const el of [onLight, onDark]) {
      formRoot(el).querySelector('form')!.noValidate = true;
      await post(el, { comment: 'Hi', name: 'Reader', email: 'nope' });
    }
    const contrast = { runOnly: { type: 'rule' as const, values: ['color-contrast'] } };
    expect(await axeViolations(onLight, contrast)).to.deep.equal([]);
    expect(await axeViolations(onDark, contrast)).to.deep.equal([]);
  });

  it('names each error in its field’s description and marks the field invalid', async () => {
    const el = await embed({ page: uniquePage() });
    formRoot(el).querySelector('form')!.noValidate = true;
    await post(el, { comment: ' ', name: 'Reader', email: 'nope' });
    const form = formRoot(el);
    for (const id of ['comment', 'email']) {
      const input = form.querySelector(`#${id}`)!;
      expect(input.getAttribute('aria-invalid'), id).to.equal('true');
      const described = input
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((ref) => text(form.getElementById(ref)));
      expect(described.join(' '), id).to.contain(text(form.querySelector(`#${id}-error`)));
    }
    expect(form.querySelector('#name')!.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('announces posting and its outcome in a polite live region', async () => {
    const el = await embed({ page: uniquePage() });
    const status = formRoot(el).querySelector('[part~="status"]')!;
    expect([status.getAttribute('role'), status.getAttribute('aria-live')]).to.deep.equal([
      'status',
      'polite',
    ]);
    await post(el, { comment: 'Announced', name: 'Reader', email: 'reader@example.com' });
    // The same node stays in the page, so screen readers hear the change rather than a new region.
    expect(formRoot(el).querySelector('[part~="status"]')).to.equal(status);
    expect(text(status)).to.equal('Your comment was posted.');
  });

  it('uses h2 for the thread and the form, and an article for each comment', async () => {
    const el = await embed({ page: await busyThread() });
    expect($(el, '[part~="heading"]')!.tagName).to.equal('H2');
    expect(formRoot(el).querySelector('[part~="form-heading"]')!.tagName).to.equal('H2');
    for (const root of commentRoots(el))
      expect(root.querySelector('[part~="comment"]')!.tagName).to.equal('ARTICLE');
  });

  it('draws a visible outline around whatever has keyboard focus', async () => {
    const el = await embed({ page: uniquePage() });
    const textarea = formRoot(el).querySelector('textarea')!;
    textarea.focus();
    const style = getComputedStyle(textarea);
    expect(textarea.matches(':focus-visible')).to.equal(true);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });

  it('drops transitions when the reader prefers reduced motion', async () => {
    const el = await embed({ page: uniquePage() });
    const submit = formRoot(el).querySelector('[part~="submit"]')!;
    expect(getComputedStyle(submit).transitionDuration).to.not.equal('0s');
    if (!CAN_EMULATE_MEDIA) {
      // Firefox and WebKit: the preference cannot be emulated here, so this checks the rule that honours it.
      const rules = rulesUnder(formRoot(el), 'prefers-reduced-motion: reduce');
      expect(rules.some((r) => r.selectorText.split(',')[0]!.trim() === '*')).to.equal(true);
      for (const r of rules) {
        expect(r.style.getPropertyValue('transition-duration')).to.equal('0s');
        expect(r.style.getPropertyValue('animation-name')).to.equal('none');
      }
      return;
    }
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(submit).transitionDuration).to.equal('0s');
      expect(getComputedStyle(submit).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
