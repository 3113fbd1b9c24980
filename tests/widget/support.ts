import { fixture, html } from '@open-wc/testing';
import { type LitElement, nothing } from 'lit';
import type { PostCommentResult, ThreadResponse } from '../../server/schema/index.js';
import { waitUntil } from './wait.js';
import '../../widget/embed.js';
import type { ConfabComments } from '../../widget/thread/comments.js';

declare global {
  interface Window {
    /** Real Confab servers started by web-test-runner.config.mjs: `open` approves, `moderated` holds all. */
    __CONFAB_SERVERS__: { open: string; moderated: string };
  }
  // Mocha's globals as @web/test-runner provides them; the repo carries no @types/mocha.
  function describe(name: string, body: () => void): void;
  function it(name: string, body: () => void | Promise<void>): void;
}

export const servers = window.__CONFAB_SERVERS__;
/** A port nothing listens on: the browser's fetch fails as it would offline. */
export const unreachable = 'http://127.0.0.1:9';
export const TITLE = 'Kazakstan: State Cracks Down On Dissent';

/** Every test gets its own thread, so tests share a server without seeing each other's comments. */
export function uniquePage(): string {
  return `https://news.example/articles/${crypto.randomUUID()}`;
}

export interface Seed {
  body?: string;
  name?: string;
  email?: string;
  website?: string;
  parentId?: number;
}

/** Posts through the real API, as another reader would. */
let seeded = 0;

/** Posts through the real API; each seed is a different reader, as the server refuses one reader's exact repeats. */
export async function seed(
  page: string,
  s: Seed = {},
  server = servers.open,
): Promise<PostCommentResult> {
  seeded += 1;
  const res = await fetch(`${server}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      url: page,
      title: TITLE,
      parentId: s.parentId,
      body: s.body ?? 'While it may be fair to lease land to China…',
      author: {
        name: s.name ?? 'Bonnie B',
        email: s.email ?? `reader${seeded}@example.com`,
        website: s.website,
      },
    }),
  });
  if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  return res.json() as Promise<PostCommentResult>;
}

/** A thread of `n` top-level comments, every third with a reply; returns the ids in thread order. */
export async function longThread(page: string, n: number): Promise<number[]> {
  for (let i = 0; i < n; i++) {
    const { comment } = await seed(page, { body: `Comment ${i}` });
    if (i % 3 === 0) await seed(page, { body: `Reply to ${i}`, parentId: comment.id });
  }
  return (await readThread(page)).comments.map((c) => c.id);
}

export async function readThread(page: string, server = servers.open): Promise<ThreadResponse> {
  const res = await fetch(`${server}/api/threads?${new URLSearchParams({ url: page })}`);
  return res.json() as Promise<ThreadResponse>;
}

/** Renders `<confab-comments>` and waits until the thread has loaded (or failed to) and every part has rendered. */
export async function mount(
  attrs: { page?: string; title?: string; server?: string } = {},
): Promise<ConfabComments> {
  const el = await fixture<ConfabComments>(html`<confab-comments
    page=${attrs.page ?? nothing}
    page-title=${attrs.title ?? nothing}
    server=${attrs.server ?? servers.open}
  ></confab-comments>`);
  await waitUntil(
    () => el.shadowRoot!.querySelector('[part="heading"], [part="load-error"]'),
    'the thread never loaded',
  );
  await settled(el);
  return el;
}

/** Waits for the element and the elements inside it to finish rendering. */
export async function settled(el: LitElement): Promise<void> {
  await el.updateComplete;
  // The reply form's code loads once the thread has rendered: until then its tag is there, undefined.
  if (el.shadowRoot!.querySelector('confab-reply-form'))
    await customElements.whenDefined('confab-reply-form');
  const inner = el.shadowRoot!.querySelectorAll<LitElement>('confab-comment, confab-reply-form');
  await Promise.all([...inner].map((e) => e.updateComplete));
}

export function $(el: Element, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector(selector);
}

/** Rendered comments in document order, each as its shadow root. */
export function commentRoots(el: Element): ShadowRoot[] {
  return [...el.shadowRoot!.querySelectorAll('confab-comment')].map((c) => c.shadowRoot!);
}

/** Nodes matching `selector` inside the thread's comments (their buttons are theirs), in document order. */
export function inComments(el: Element, selector: string): HTMLElement[] {
  return commentRoots(el).flatMap((r) => [...r.querySelectorAll<HTMLElement>(selector)]);
}

export function formRoot(el: Element): ShadowRoot {
  return el.shadowRoot!.querySelector('confab-reply-form')!.shadowRoot!;
}

/** Text as a reader sees it: whitespace from template indentation collapsed. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
