import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { PublicComment } from '../../server/schema/index.js';
import { ALLOWED_HTML, XSS_PAYLOADS } from '../fixtures/xss-payloads.js';
import type { XssField, XssThread } from '../support/xss-commands.js';
import { embed } from './embed-fixtures.js';
import { readThread } from './support.js';

type Hooked = 'alert' | 'confirm' | 'prompt' | 'print';
const HOOKED: Hooked[] = ['alert', 'confirm', 'prompt', 'print'];
/** Elements that have no business anywhere in the widget's shadow DOM. */
const FORBIDDEN =
  'script, iframe, frame, frameset, object, embed, applet, style, link, meta, base, img, video, audio, source, math, template';
const URL_ATTRIBUTES = [
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
  'srcdoc',
];

/** The corpus posted as one thread with the payloads in `field`, shared by every engine of the run. */
const corpusThread = (field: XssField) =>
  executeServerCommand<XssThread, { field: XssField }>('confab-xss-thread', { field });

/** Each element under the widget, through every shadow root, with the comment body (if any) it sits in. */
function everyElement(host: Element) {
  const found: { el: Element; inBody: boolean }[] = [];
  const walk = (root: ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      found.push({ el, inBody: !!el.parentElement?.closest('[part~="body"]') });
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(host.shadowRoot!);
  return found;
}

/** What a browser would follow: controls and whitespace dropped, lower case. */
const followed = (url: string) =>
  url.replace(/[\u0000-\u0020\u007f-\u009f\u200b\u2028\u2029]/g, '').toLowerCase();

/** Renders the thread with the dialog functions hooked; returns what went wrong, by comment. */
async function renderAndInspect(page: string) {
  // A global any payload that ran would have written to, through the dialog it calls.
  const fired: string[] = [];
  Object.assign(window, { __confabXssFired: fired });
  const saved = HOOKED.map((name) => [name, window[name]] as const);
  for (const name of HOOKED)
    Object.assign(window, {
      [name]: () => void (window as { __confabXssFired?: string[] }).__confabXssFired!.push(name),
    });
  try {
    const { comments } = await readThread(page);
    const el = await embed({ page });
    // Two frames: long enough for any load, error or focus handler a payload smuggled in to have fired.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const problems: string[] = [];
    const rendered = new Map<number, ShadowRoot>();
    for (const c of el.shadowRoot!.querySelectorAll('confab-comment')) {
      const article = c.shadowRoot!.querySelector('article[part~="comment"]');
      if (article) rendered.set(Number(article.id.replace('comment-', '')), c.shadowRoot!);
    }
    for (const c of comments as PublicComment[]) {
      const root = rendered.get(c.id);
      if (!root) problems.push(`comment ${c.id} was not rendered`);
      // A name is text: what shows is exactly what was posted, markup and all.
      else if (
        root.querySelector('[part~="author"]')!.textContent!.trim() !== c.author.name.trim()
      ) {
        problems.push(
          `comment ${c.id}: author shown as ${JSON.stringify(root.querySelector('[part~="author"]')!.textContent)}`,
        );
      }
    }
    for (const { el: node, inBody } of everyElement(el)) {
      const where = `<${node.localName}> in ${node.closest('article')?.id ?? 'the widget'}`;
      if (node.matches(FORBIDDEN)) problems.push(`${where}: forbidden element`);
      for (const attr of node.attributes) {
        if (attr.name.toLowerCase().startsWith('on'))
          problems.push(`${where}: ${attr.name} handler`);
        if (
          URL_ATTRIBUTES.includes(attr.name.toLowerCase()) &&
          /^(javascript|data|vbscript):/.test(followed(attr.value))
        ) {
          problems.push(`${where}: ${attr.name}=${JSON.stringify(attr.value)}`);
        }
      }
      if (inBody) {
        const allowed = ALLOWED_HTML[node.localName];
        if (!allowed) problems.push(`${where}: <${node.localName}> inside a comment body`);
        for (const attr of node.attributes)
          if (!allowed?.includes(attr.name))
            problems.push(`${where}: ${attr.name} inside a comment body`);
        if (
          node.localName === 'a' &&
          !/^(https?|mailto):/.test(followed(node.getAttribute('href') ?? ''))
        ) {
          problems.push(`${where}: a link to ${JSON.stringify(node.getAttribute('href'))}`);
        }
      }
      if (node.matches('svg') && !node.matches('[part~="avatar"]'))
        problems.push(`${where}: an <svg> that is not an avatar`);
      if (node.matches('form') && !node.matches('[part~="form"]'))
        problems.push(`${where}: a <form> that is not the reply form`);
    }
    return { problems, fired, rendered: rendered.size, returned: comments.length };
  } finally {
    for (const [name, original] of saved) Object.assign(window, { [name]: original });
  }
}

/** Mocha's context: a few hundred posts and renders need longer than the runner's default 10 s on a busy machine. */
type Mocha = { timeout(ms: number): void };

describe(`the XSS corpus (${XSS_PAYLOADS.length} payloads) rendered in Chromium`, () => {
  it('shows every payload posted as a comment body without running any of it', async function (this: Mocha) {
    this.timeout(60_000);
    const { page, statuses } = await corpusThread('body');
    expect(
      statuses.every((s) => s === 201),
      String(statuses),
    ).to.equal(true);
    const result = await renderAndInspect(page);
    expect(result.returned).to.be.at.least(XSS_PAYLOADS.length * 0.9);
    expect(result.rendered).to.equal(result.returned);
    expect(result.problems).to.deep.equal([]);
    expect(result.fired).to.deep.equal([]);
  });

  it('shows every payload posted as an author name as plain text', async function (this: Mocha) {
    this.timeout(60_000);
    const { page, statuses } = await corpusThread('name');
    expect(statuses.filter((s) => s !== 0 && s !== 201)).to.deep.equal([]);
    const result = await renderAndInspect(page);
    expect(result.returned).to.be.at.least(XSS_PAYLOADS.length * 0.9);
    expect(result.rendered).to.equal(result.returned);
    expect(result.problems).to.deep.equal([]);
    expect(result.fired).to.deep.equal([]);
  });

  it('links an author only to the websites the server accepts, and runs none of them', async function (this: Mocha) {
    this.timeout(60_000);
    const { page, statuses } = await corpusThread('website');
    const bare = statuses.slice(0, XSS_PAYLOADS.length);
    const inPath = statuses.slice(XSS_PAYLOADS.length);
    expect([...bare, ...inPath].filter((s) => s !== 201 && s !== 400)).to.deep.equal([]);
    expect(inPath.filter((s) => s === 201).length).to.be.above(XSS_PAYLOADS.length / 2);
    const result = await renderAndInspect(page);
    expect(result.rendered).to.equal(result.returned);
    expect(result.problems).to.deep.equal([]);
    expect(result.fired).to.deep.equal([]);
  });
});
