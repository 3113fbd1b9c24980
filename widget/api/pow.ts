import type { PowChallenge, PowSolution } from '../../server/schema/index.js';
import { sha256 } from './sha256.js';

/**
 * How long the widget waits after a challenge arrives before it posts the solution. The server holds a post
 * sent sooner than CONFAB_MIN_SUBMIT_SECONDS after the challenge was issued, which the challenge states (a
 * server that predates the field has the default, 2 s); the extra second covers the round trip. See
 * docs/pow.md, rule 3.
 */
export const minSolutionAgeMs = ({
  minSubmitSeconds = 2,
}: Pick<PowChallenge, 'minSubmitSeconds'>) => (minSubmitSeconds + 1) * 1000;

export interface SolveOptions {
  signal?: AbortSignal;
  /** Longest stretch of hashing before the page gets the main thread back. */
  sliceMs?: number;
  /** Digests in flight at once: Web Crypto is asynchronous, so a batch amortises the per-call overhead. */
  batch?: number;
}

const encoder = new TextEncoder();

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function sameBytes(digest: ArrayBuffer | Uint8Array, target: Uint8Array): boolean {
  const d = new Uint8Array(digest);
  if (d.length !== target.length) return false;
  for (let i = 0; i < d.length; i++) if (d[i] !== target[i]) return false;
  return true;
}

// A macrotask, not a microtask: only that lets the browser paint and handle input between slices.
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Finds the number the server hid in `challenge`: SHA-256(salt + number) in lower-case hex equals
 * `challenge.challenge`. Hashes in batches with Web Crypto and yields to the page every `sliceMs`, so
 * typing stays smooth. Runs in browsers and in Node 20; where Web Crypto is missing (a plain-http page
 * is not a secure context) it hashes in JavaScript instead. Resolves null when no number up to
 * maxnumber fits (a forged or corrupted challenge); rejects with the signal's reason when aborted.
 */
export async function solveChallenge(
  challenge: PowChallenge,
  opts: SolveOptions = {},
): Promise<PowSolution | null> {
  const sliceMs = opts.sliceMs ?? 12;
  const batch = opts.batch ?? 100;
  const target = hexToBytes(challenge.challenge);
  const subtle = globalThis.crypto?.subtle;
  const digest = subtle
    ? (bytes: Uint8Array<ArrayBuffer>) => subtle.digest('SHA-256', bytes)
    : (bytes: Uint8Array<ArrayBuffer>) => sha256(bytes);
  let sliceStart = performance.now();
  for (let start = 0; start <= challenge.maxnumber; start += batch) {
    opts.signal?.throwIfAborted();
    const end = Math.min(start + batch - 1, challenge.maxnumber);
    const digests: (Promise<ArrayBuffer> | Uint8Array)[] = [];
    for (let n = start; n <= end; n++) digests.push(digest(encoder.encode(challenge.salt + n)));
    const results = await Promise.all(digests);
    const hit = results.findIndex((d) => sameBytes(d, target));
    if (hit !== -1) return { ...challenge, number: start + hit };
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToPage();
      sliceStart = performance.now();
    }
  }
  return null;
}
