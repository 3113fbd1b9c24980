import { expect, fixture, html } from '@open-wc/testing';
import type { CSSResult, CSSResultGroup, LitElement } from 'lit';
import { waitUntil } from './wait.js';
import { watchIntl } from './watch-intl.js';
import '../../widget/embed.js';
import { ConfabComment } from '../../widget/comment/comment.js';
import { ReplyForm } from '../../widget/form/reply-form.js';
import { createFormat } from '../../widget/i18n/format.js';
import { ConfabComments } from '../../widget/thread/comments.js';
import { threadStyles } from '../../widget/thread/reader.styles.js';
import { post } from './embed-fixtures.js';
import { forgetEverything, ownIt, requestsSince } from './reader-support.js';
import { inComments, readThread, seed, servers, settled, uniquePage } from './support.js';

/** What GET /api/threads/html answers for `page`: what a publisher's server puts into its article. */
async function serverRendered(page: string): Promise<string> {
  const res = await fetch(`${servers.open}/api/threads/html?${new URLSearchParams({ url: page })}`);
  expect(res.status).to.equal(200);
  return res.text();
}

/** Parses markup as a page's parser does, declarative shadow roots included, without connecting it yet. */
function parse(markup: string): ConfabComments {
  const holder = document.createElement('div');
  holder.setHTMLUnsafe(markup);
  return holder.querySelector('confab-comments')!;
}

/**
 * Every element and text node under `root`, shadow roots included, in document order. Comments are left
 * out: they are Lit's markers, which hydration may tidy, and no reader sees them.
 */
function nodesOf(root: Node): Node[] {
  const all: Node[] = [];
  const walk = (node: Node) => {
    if (node.nodeType !== Node.COMMENT_NODE) all.push(node);
    const shadow = (node as Element).shadowRoot;
    if (shadow) walk(shadow);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return all;
}

/** What a reader sees of each node: its text, or for an element its name and visible attributes. */
const look = (node: Node) =>
  node instanceof Element
    ? `${node.localName} ${[...node.attributes].filter((a) => a.name !== 'defer-hydration').map((a) => `${a.name}=${a.value}`)}`
    : node.nodeType === Node.TEXT_NODE
      ? node.textContent
      : '';

/** Resolves once the element and everything inside it has hydrated. */
async function hydrated(el: ConfabComments) {
  await waitUntil(() => el.hasUpdated, 'the thread never hydrated', { timeout: 10_000 });
  await settled(el);
  const inner = el.shadowRoot!.querySelectorAll<LitElement>('confab-comment, confab-reply-form');
  await waitUntil(() => [...inner].every((e) => e.hasUpdated), 'a comment never hydrated');
}

/** The fragment for `page`, put on a page and hydrated there. */
async function onPageHydrated(page: string): Promise<ConfabComments> {
  const el = parse(await serverRendered(page));
  (await fixture<HTMLElement>(html`<div></div>`)).append(el);
  await hydrated(el);
  return el;
}

describe('a server-rendered thread', () => {
  it('hydrates without asking for the thread again and without changing a node', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { body: 'Rendered by the **server**.' });
    await seed(page, { body: 'A reply, rendered too.', parentId: comment.id });
    const el = parse(await serverRendered(page));
    const before = nodesOf(el);
    const looks = before.map(look);
    expect(el.shadowRoot!.textContent).to.contain('2 thoughts on');

    const since = performance.now();
    const container = await fixture<HTMLElement>(html`<div></div>`);
    container.append(el);
    await hydrated(el);

    expect(requestsSince(since, 'api/threads?')).to.have.length(0);
    const after = nodesOf(el);
    expect(after.length).to.equal(before.length);
    after.forEach((node, i) => expect(node === before[i], `node ${i}: ${looks[i]}`).to.equal(true));
    expect(after.map(look)).to.deep.equal(looks);
  });

  it('adopts each comment’s body as the server drew it, without parsing its HTML again', async () => {
    const page = uniquePage();
    const bodies = ['Adopted as **drawn**.', 'Never parsed twice.'];
    for (const body of bodies) await seed(page, { body });
    const el = parse(await serverRendered(page));
    const templates: HTMLTemplateElement[] = [];
    const create = document.createElement;
    document.createElement = function (
      this: Document,
      ...args: Parameters<Document['createElement']>
    ) {
      const made = create.apply(this, args);
      if (made instanceof HTMLTemplateElement) templates.push(made);
      return made;
    } as Document['createElement'];
    try {
      (await fixture<HTMLElement>(html`<div></div>`)).append(el);
      await hydrated(el);
    } finally {
      document.createElement = create;
    }
    expect(inComments(el, '[part~="body"]').map((b) => b.textContent!.trim())).to.deep.equal([
      'Adopted as drawn.',
      'Never parsed twice.',
    ]);
    const parsed = templates.map((t) => t.innerHTML);
    expect(parsed.filter((h) => /Adopted as|Never parsed/.test(h))).to.deep.equal([]);
  });

  it('draws a body that changes after hydrating in place of the server’s', async () => {
    const page = uniquePage();
    await seed(page, { body: 'As first written.' });
    const el = await onPageHydrated(page);
    const comment = el.shadowRoot!.querySelector<ConfabComment>('confab-comment')!;
    const body = () => comment.shadowRoot!.querySelector('[part~="body"]')!;
    comment.comment = { ...comment.comment, html: '<p>As <em>edited</em>.</p>\n' };
    await comment.updateComplete;
    expect(body().innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal('<p>As <em>edited</em>.</p>\n');
    const edited = body().querySelector('p');
    comment.comment = { ...comment.comment };
    await comment.updateComplete;
    expect(body().querySelector('p')).to.equal(edited);
  });

  it('hydrates for the author of comments in it, whose Edit and Delete join once it has', async () => {
    const page = uniquePage();
    const mine = await seed(page, { body: 'Written in this browser earlier.' });
    ownIt(servers.open, mine, page, 'Written in this browser earlier.');
    try {
      const el = await onPageHydrated(page);
      await waitUntil(
        () => inComments(el, '[part~="edit-button"]')[0],
        'the author never got their Edit button',
      );
      expect(inComments(el, '[part~="delete-button"]')[0]).to.not.equal(null);
    } finally {
      forgetEverything();
    }
  });

  it('hydrates without asking Intl for a date, a count or a plural: the server’s rendering brings those it shows', async () => {
    const page = uniquePage();
    const { comment } = await seed(page, { body: 'Dated by the server.' });
    await seed(page, { body: 'And so is this reply.', parentId: comment.id });
    const el = parse(await serverRendered(page));
    const intl = watchIntl();
    try {
      (await fixture<HTMLElement>(html`<div></div>`)).append(el);
      await hydrated(el);
    } finally {
      intl.restore();
    }
    expect(intl.made).to.deep.equal([]);
    expect(el.shadowRoot!.textContent).to.contain('2 thoughts on');
  });

  it('writes each shadow root’s styles compactly, with the same rules as the element’s own sheets', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Styled as in the browser.' });
    const el = parse(await serverRendered(page));
    const rules = (css: string) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return [...sheet.cssRules].map((r) => r.cssText);
    };
    const own = (styles: CSSResultGroup): string =>
      Array.isArray(styles)
        ? styles.map((s: CSSResultGroup) => own(s)).join('\n')
        : (styles as CSSResult).cssText;
    const written = (root: ShadowRoot) =>
      [...root.children]
        .filter((e) => e.localName === 'style')
        .map((s) => s.textContent)
        .join('\n');
    const thread = el.shadowRoot!;
    const roots: [ShadowRoot, CSSResultGroup][] = [
      [thread, [ConfabComments.styles, threadStyles]],
      [thread.querySelector('confab-comment')!.shadowRoot!, ConfabComment.styles],
      [thread.querySelector('confab-reply-form')!.shadowRoot!, ReplyForm.styles],
    ];
    for (const [root, styles] of roots) {
      expect(written(root)).to.not.contain('\n');
      expect(rules(written(root))).to.deep.equal(rules(own(styles)));
    }
  });

  it('keeps the styles the server wrote and adopts no second copy of them while it hydrates', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Styled once.' });
    const el = await onPageHydrated(page);
    const thread = el.shadowRoot!;
    const roots = [
      thread,
      ...[...thread.querySelectorAll('confab-comment')].map((c) => c.shadowRoot!),
    ];
    for (const root of roots) {
      expect(root.adoptedStyleSheets).to.have.length(0);
      expect([...root.children].map((e) => e.localName)).to.include('style');
    }
  });

  it('is a working thread once hydrated: a reader posts through its form, dated and counted in the browser', async () => {
    const page = uniquePage();
    await seed(page, { body: 'Already here.' });
    const el = await onPageHydrated(page);
    await post(el, {
      comment: 'Posted through a hydrated form.',
      name: 'Ann',
      email: 'ann@example.com',
    });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('2 thoughts on'), 'no new count');
    const { comments } = await readThread(page);
    expect(comments.map((c) => c.html)).to.deep.equal([
      '<p>Already here.</p>\n',
      '<p>Posted through a hydrated form.</p>\n',
    ]);
    // The server wrote the first date and the count of one; the browser formats what it did not.
    const times = inComments(el, '[part~="time"]').map((t) => t.textContent);
    expect(times).to.deep.equal(comments.map((c) => createFormat('en').dateTime(c.createdAt)));
  });

  it('moves nothing on the page while it hydrates (Chromium reports layout shifts; the node check above holds everywhere)', async () => {
    if (!('LayoutShift' in window)) return;
    const page = uniquePage();
    await seed(page, { body: 'Steady.' });
    const el = parse(await serverRendered(page));
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) shifts.push((e as unknown as { value: number }).value);
    });
    observer.observe({ type: 'layout-shift' });
    const container = await fixture<HTMLElement>(html`<div><p>Text after the comments.</p></div>`);
    container.prepend(el);
    await hydrated(el);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    observer.disconnect();
    expect(shifts).to.deep.equal([]);
  });
});
