import type {
  PostCommentInput,
  PostCommentResult,
  PowChallenge,
  PowSolution,
} from '../../server/schema/index.js';
import { LIMITS } from '../../server/schema/limits.js';
import { getChallenge, postComment } from '../api/calls.js';
import { ApiError } from '../api/client.js';
import { minSolutionAgeMs, solveChallenge } from '../api/pow.js';
import { authorKey, readOwn, readProof, writeAuthor, writeOwn } from '../api/storage.js';
import { clock } from '../clock.js';

/**
 * Posting, loaded when the reader first turns to the form: the proof of work the server asks for
 * (docs/pow.md), then what the browser keeps afterwards (the edit token, remember-me).
 */

/** A solved challenge, with when it arrived on this browser's clock. */
type Proof = { pow: PowSolution; arrivedAt: number };

/**
 * The proof being prepared for the next post to each thread of each server (a challenge works only for
 * the thread it was fetched for); null once the server has said it wants none.
 */
const proofs = new Map<string, Promise<Proof | null>>();

const wait = (ms: number) => new Promise<void>((resolve) => clock.after(ms, resolve));

async function prove(server: string, url: string): Promise<Proof | null> {
  let challenge: PowChallenge;
  try {
    challenge = await getChallenge(server, url);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'not_found') return null;
    throw e;
  }
  const arrivedAt = performance.now();
  // The server takes a post sent too soon after its challenge for a bot's: a quick reader waits out the rest.
  const [pow] = await Promise.all([solveChallenge(challenge), wait(minSolutionAgeMs(challenge))]);
  return pow && { pow, arrivedAt };
}

/**
 * Challenges live minutes: one within a minute of its end is replaced before posting. Measured on this
 * browser's clock from its arrival, since the server's clock may differ from ours (docs/pow.md, rule 4).
 */
const stale = ({ pow, arrivedAt }: Proof) =>
  performance.now() - arrivedAt > Date.parse(pow.expiresAt) - Date.parse(pow.issuedAt) - 60_000;

/** Starts (once) the proof for the next post to `url` on `server`; the solver yields to the page as it goes. */
export function prepare(server: string, url: string): Promise<Proof | null> {
  const key = `${server} ${url}`;
  let proof = proofs.get(key);
  if (!proof) {
    proof = prove(server, url);
    proofs.set(key, proof);
    // A failed challenge is reported by the post that needs it, which then asks for a new one.
    proof.catch(() => proofs.get(key) === proof && proofs.delete(key));
  }
  return proof;
}

/** The page's title, cut to the server's limit without splitting an emoji, which the server would refuse. */
const fitTitle = (title = '') =>
  title.slice(0, LIMITS.titleMax).replace(/[\uD800-\uDBFF]$/, '') || undefined;

/**
 * The article's publication in the form the server takes (ISO 8601): the element's `published`, else
 * the page's article:published_time; none when neither reads as a date, rather than a refused post.
 */
function publication(given: string | undefined) {
  const raw =
    given ??
    document.querySelector<HTMLMetaElement>('meta[property="article:published_time"]')?.content;
  const at = raw ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

export type Submission = PostCommentInput & {
  remember?: boolean | undefined;
  /** Email the author every follow-up comment of the thread (WordPress's "Notify me…" box). */
  subscribe?: boolean | undefined;
};

/**
 * Posts with a solved challenge. A refused proof (expired, already used, or the server has turned proof
 * of work on since) gets one more try with a fresh one. Sends the browser's proof of its email, if it has
 * one. Then keeps the edit token, and the author's details (the notify box with them) when the
 * remember-me box says so.
 */
export async function send(
  server: string,
  { remember, subscribe, ...input }: Submission,
): Promise<PostCommentResult> {
  let result: PostCommentResult | undefined;
  let sentAt = 0;
  const key = `${server} ${input.url}`;
  for (let retry = false; !result; retry = true) {
    let proof = await prepare(server, input.url);
    if (proof && stale(proof)) {
      proofs.delete(key);
      proof = await prepare(server, input.url);
    }
    // Each solution is good for one post; "no proof needed" stays known.
    if (proof) proofs.delete(key);
    const pow = proof?.pow;
    sentAt = clock.now();
    try {
      result = await postComment(server, {
        ...input,
        title: fitTitle(input.title),
        published: publication(input.published),
        authorKey: authorKey(),
        verifyToken: readProof(server),
        ...(subscribe && { notify: 'thread' }),
        ...(pow && { pow }),
      });
    } catch (e) {
      if (retry || !(e instanceof ApiError && e.fields.pow)) throw e;
      proofs.delete(key);
    }
  }
  const { comment, editToken, editableUntil } = result;
  const own = readOwn(server);
  own[comment.id] = {
    token: editToken,
    // On this browser's clock, counted from before the request left: never later than the server's deadline.
    until: sentAt + Date.parse(editableUntil) - Date.parse(comment.createdAt),
    body: input.body,
    url: input.url,
    pending: comment.status === 'pending' ? comment : undefined,
  };
  writeOwn(server, own);
  if (remember !== undefined) writeAuthor(remember ? { ...input.author, notify: subscribe } : null);
  return result;
}
