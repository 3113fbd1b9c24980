import type { TestRunnerPlugin } from '@web/test-runner';
import { LIMITS } from '../../server/schema/limits.js';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js';

/** Where the payloads go in a comment: its body, its author's name, or its author's website. */
export type XssField = 'body' | 'name' | 'website';

/**
 * A thread with the whole corpus in it, and the server's status for each post (0: not posted), payload by
 * payload, and for the website first as the address itself, then inside a good one.
 */
export interface XssThread {
  page: string;
  statuses: number[];
}

/** Each payload as the comment to post, or null where it leaves nothing to post (a name of spaces). */
const corpora: Record<XssField, ((payload: string, i: number) => object | null)[]> = {
  body: [(body, i) => ({ body, author: { name: `Body ${i}`, email: `body${i}@xss.example` } })],
  name: [
    (payload, i) => {
      const name = payload.slice(0, LIMITS.nameMax).trim();
      return name
        ? {
            body: `Comment ${i} by a hostile name`,
            author: { name, email: `name${i}@xss.example` },
          }
        : null;
    },
  ],
  // Each payload as the website itself, and inside an otherwise good address.
  website: [
    (website, i) => ({
      body: `Site ${i}`,
      author: { name: `Site ${i}`, email: `site${i}@xss.example`, website },
    }),
    (payload, i) => ({
      body: `Path ${i}`,
      author: {
        name: `Path ${i}`,
        email: `path${i}@xss.example`,
        website: `https://ok.example/${payload}`.slice(0, LIMITS.websiteMax),
      },
    }),
  ],
};

/**
 * Posts the corpus through the real API as one thread: each payload a reply under one root comment, so
 * one page of the API carries it in full; several posts at a time.
 */
async function postCorpus(server: string, field: XssField): Promise<XssThread> {
  const page = `https://news.example/articles/${crypto.randomUUID()}`;
  const post = (input: object) =>
    fetch(`${server}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: page, title: 'XSS corpus', ...input }),
    });
  const root = await post({
    body: 'The corpus follows in replies.',
    author: { name: 'Root', email: 'root@xss.example' },
  });
  if (root.status !== 201)
    throw new Error(`the corpus's root: ${root.status} ${await root.text()}`);
  const parentId = ((await root.json()) as { comment: { id: number } }).comment.id;
  const statuses: number[] = [];
  for (const build of corpora[field]) {
    const inputs = XSS_PAYLOADS.map(build);
    for (let at = 0; at < inputs.length; at += 25)
      statuses.push(
        ...(await Promise.all(
          inputs
            .slice(at, at + 25)
            .map(async (input) => (input ? (await post({ parentId, ...input })).status : 0)),
        )),
      );
  }
  return { page, statuses };
}

/**
 * `confab-xss-thread {field}`, run from a widget test through `executeServerCommand`, posts the XSS corpus
 * to `server` once per field and answers every engine with that thread: what each engine proves is how it
 * renders the corpus, and posting it a second and third time (over a thousand posts, each through the
 * browser's network stack) cost more than the rendering.
 */
export function xssCommands(server: string): TestRunnerPlugin {
  const threads = new Map<XssField, Promise<XssThread>>();
  return {
    name: 'confab-xss-commands',
    async executeCommand({ command, payload }) {
      if (command !== 'confab-xss-thread') return undefined;
      const { field } = payload as { field: XssField };
      let thread = threads.get(field);
      if (!thread) {
        thread = postCorpus(server, field);
        threads.set(field, thread);
      }
      return thread;
    },
  };
}
