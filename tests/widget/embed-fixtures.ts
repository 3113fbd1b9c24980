import { fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import type { ReplyForm } from '../../widget/form/reply-form.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { formRoot, servers, settled } from './support.js';

declare global {
  interface Window {
    axe: { run(context: Element, options: RunOptions): Promise<AxeResults> };
  }
}

/**
 * `<confab-comments loading=eager>` with any attributes (lang, theme, strings…), inside `container` or a fresh fixture,
 * once its thread has rendered: in a language other than English that includes the catalogue's chunk.
 */
export async function embed(
  attrs: Record<string, string>,
  container?: HTMLElement,
): Promise<ConfabComments> {
  const parent = container ?? (await fixture<HTMLDivElement>(html`<div></div>`));
  const el = document.createElement('confab-comments');
  // Eager unless a test says otherwise: several threads side by side would push the later ones out of view.
  for (const [name, value] of Object.entries({ server: servers.open, loading: 'eager', ...attrs }))
    el.setAttribute(name, value);
  parent.append(el);
  await waitUntil(
    () => el.shadowRoot!.querySelector('[part~="heading"], [part~="load-error"]'),
    'the thread never rendered',
  );
  await settled(el);
  return el;
}

/** Waits for what loads after the first render (Reply, sorting, tabs), which starts once the thread is in view. */
export async function readerLoaded(el: ConfabComments): Promise<ConfabComments> {
  el.scrollIntoView();
  await waitUntil(() => formRoot(el).querySelector('[role="tablist"]'), 'the reader never loaded');
  await settled(el);
  return el;
}

/** The element that has focus, followed through every shadow root. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** WCAG 2.2 A and AA, plus axe's best practices that make sense for a fragment of a page. */
const wcag: RunOptions = {
  runOnly: {
    type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
  },
  // A publisher's page supplies the landmarks and the h1 around the widget.
  rules: {
    region: { enabled: false },
    'page-has-heading-one': { enabled: false },
    'landmark-one-main': { enabled: false },
  },
};

/** axe-core's violations inside `el`, described so a failing assertion says which rule and which node. */
export async function axeViolations(el: Element, options: RunOptions = wcag): Promise<string[]> {
  const { violations } = await window.axe.run(el, options);
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`),
  );
}

/** Fills the form's fields by id, presses Post Comment, and waits for the post to succeed or be refused. */
export async function post(el: ConfabComments, values: Record<string, string>): Promise<void> {
  const form = formRoot(el);
  const reply = el.shadowRoot!.querySelector<ReplyForm>('confab-reply-form')!;
  let posted = false;
  el.addEventListener('confab-comment-posted', () => (posted = true), { once: true });
  for (const [id, value] of Object.entries(values))
    form.querySelector<HTMLInputElement>(`#${id}`)!.value = value;
  form.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  // A real server commits to disk before answering: longer than waitUntil's default second when busy.
  await waitUntil(() => posted || reply.error, 'the post never came back', { timeout: 10_000 });
  await settled(el);
}
