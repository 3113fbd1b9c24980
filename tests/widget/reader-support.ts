import { executeServerCommand } from '@web/test-runner-commands';
import type { PostCommentResult, PublicComment } from '../../server/schema/index.js';
import { minSolutionAgeMs } from '../../widget/api/pow.js';
import { readOwn, writeOwn } from '../../widget/api/storage.js';
import type { ConfabComment } from '../../widget/comment/comment.js';
import type { ConfabComments } from '../../widget/thread/comments.js';
import { POW_MIN_SUBMIT_SECONDS } from '../support/pow-server.js';
import type { fakeClock } from './fake-clock.js';
import { formRoot, mount, type servers as openServers, settled, TITLE } from './support.js';
import { waitUntil } from './wait.js';

/** Every server web-test-runner.config.mjs starts, with the two only these tests use. */
export const servers = window.__CONFAB_SERVERS__ as typeof openServers & {
  pow: string;
  closedEdit: string;
};

/** Mounts `<confab-comments>` and waits for what loads after the first render (the form's tabs show it). */
export async function mountReader(
  attrs: { page?: string; title?: string; server?: string } = {},
): Promise<ConfabComments> {
  const el = await mount({ title: TITLE, ...attrs });
  await readerReady(el);
  return el;
}

export async function readerReady(el: ConfabComments) {
  await waitUntil(() => formRoot(el).querySelector('[role="tablist"]'), 'the reader never loaded');
  await settled(el);
}

export interface Entry {
  comment?: string;
  name?: string;
  email?: string;
  website?: string;
}

/** Types into the form as a reader would and presses Post Comment. */
export function fillAndPost(el: ConfabComments, entry: Entry = {}) {
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

/** Waits for the post to come back, and returns the reader's comment as the element shows it. */
export async function posted(el: ConfabComments): Promise<PublicComment> {
  const submitted = new Promise<PublicComment>((resolve) =>
    el.addEventListener('confab-comment-posted', (e) => resolve(e.comment), { once: true }),
  );
  const comment = await submitted;
  await settled(el);
  return comment;
}

/**
 * `posted` for a post to `servers.pow` while the widget's clock is stopped: once the widget waits out its
 * challenge's minimum age, moves its clock and the pow server's past that wait at once, so the server
 * sees a solution as old as a real wait would have made it.
 */
export async function postedAfterMinimumAge(
  el: ConfabComments,
  time: ReturnType<typeof fakeClock>,
): Promise<PublicComment> {
  const done = posted(el);
  // The least time to post that the pow server's challenges state, and the round trip's second.
  const age = minSolutionAgeMs({ minSubmitSeconds: POW_MIN_SUBMIT_SECONDS });
  // The challenge comes from the real server first, which may take a while on a busy machine.
  await waitUntil(() => time.waiting(age), 'the widget never waited for its challenge to age', {
    timeout: 10_000,
  });
  await executeServerCommand('confab-advance-clock', { ms: age });
  time.advance(age);
  return done;
}

/** The `<confab-comment>` showing comment `id`, in the thread's shadow root. */
export function commentEl(el: ConfabComments, id: number): ConfabComment | undefined {
  return [...el.shadowRoot!.querySelectorAll<ConfabComment>('confab-comment')].find(
    (c) => c.comment.id === id,
  );
}

/** A button or other control comment `id` draws for the reader. */
export function control(el: ConfabComments, id: number, part: string): HTMLElement | null {
  return commentEl(el, id)?.shadowRoot!.querySelector<HTMLElement>(`[part="${part}"]`) ?? null;
}

/** Stores a comment seeded through the API as if this browser had posted it. */
export function ownIt(
  server: string,
  seeded: PostCommentResult,
  page: string,
  body: string,
  until?: number,
) {
  const own = readOwn(server);
  own[seeded.comment.id] = {
    token: seeded.editToken,
    until: until ?? Date.parse(seeded.editableUntil),
    body,
    url: page,
    pending: seeded.comment.status === 'pending' ? seeded.comment : undefined,
  };
  writeOwn(server, own);
}

/** Leaves localStorage as a first-time visitor's. */
export function forgetEverything() {
  for (const key of Object.keys(localStorage))
    if (key.startsWith('confab:')) localStorage.removeItem(key);
}

/**
 * Watches the EventSources the page opens (the real ones: this only keeps a list), so a test can wait for
 * a live stream to be open before something happens elsewhere.
 */
export function watchStreams() {
  const Real = window.EventSource;
  const streams: EventSource[] = [];
  const open = new Set<EventSource>();
  window.EventSource = class extends Real {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      streams.push(this);
      this.addEventListener('open', () => open.add(this));
    }
  };
  return {
    streams,
    /** The open stream of `page`'s thread, once there is one. */
    async opened(page: string): Promise<EventSource> {
      const find = () =>
        streams.find(
          (s) =>
            open.has(s) &&
            s.readyState === Real.OPEN &&
            new URL(s.url).searchParams.get('url') === page,
        );
      await waitUntil(find, `no live stream opened for ${page}`);
      return find()!;
    },
    restore: () => void (window.EventSource = Real),
  };
}

/** Resource entries of the requests made since `since` (performance.now()) whose URL contains `part`. */
export function requestsSince(since: number, part: string): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (e) => e.startTime >= since && e.name.includes(part),
  );
}
