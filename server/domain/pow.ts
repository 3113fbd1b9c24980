import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { PowChallenge, PowSolution } from '../schema/index.js';
import type { Store } from '../store/store.js';
import { DomainError } from './errors.js';
import type { WindowCounter } from './rate-limit.js';
import { keyedHash } from './tokens.js';

/**
 * Minutes, so solutions cannot be stockpiled for later: a widget that has kept one longer fetches a new
 * one before posting, and a post with an expired one gets a fresh try (docs/pow.md).
 */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000;

/** Challenges a client may fetch per window at the base difficulty; each one past them doubles the work. */
export const FREE_CHALLENGES = 5;
export const ESCALATION_WINDOW_MS = 10 * 60 * 1000;
/** Doublings at most: past this a client is as slow as it will get, and the rate limits take over. */
const MAX_DOUBLINGS = 10;

export interface PowDeps {
  secret: string;
  /** The largest hidden number: the solver's worst case in hashes; half of it on average. */
  maxnumber: number;
  now: () => number;
  store: Pick<Store, 'claimOnce'>;
  /** Counts each client's challenges, shared by instances when they share a database. */
  counter?: WindowCounter;
  /** Challenges per window at the base difficulty; FREE_CHALLENGES unless set. */
  freeChallenges?: number | undefined;
  /** CONFAB_MIN_SUBMIT_SECONDS, which each challenge states for the widget to wait out. */
  minSubmitSeconds: number;
}

/** Whom and what a challenge is for: it only works for that client, and for that thread when one is named. */
export interface PowBinding {
  /** The thread key, or null for a challenge fetched without `url` (any thread of this client). */
  url: string | null;
  /** The client's address (IPv4, or IPv6 /64); it only enters the keyed signature, never the challenge. */
  client: string;
}

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Everything the signature covers, in one unambiguous string: every part is hex, a number or an ISO date,
 * but the thread key and the client, which come last and are told apart by a NUL no URL can hold.
 */
function signedPart(c: Omit<PowChallenge, 'signature'>, client: string): string {
  return [c.algorithm, c.challenge, c.salt, c.maxnumber, c.issuedAt, c.expiresAt, c.url ?? '']
    .join('|')
    .concat('\u0000', client);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const refuse = (why: string) =>
  new DomainError('invalid_request', 'The anti-spam check did not pass. Please try again.', {
    pow: why,
  });

/**
 * Altcha-style proof of work. The server hides a random number in a salted SHA-256 and signs the puzzle
 * with its secret, so it keeps no state until a solution comes back; then `claim` makes each solution
 * count once, across instances, through the store.
 */
export function createPow(deps: PowDeps) {
  const { secret, now, store, counter } = deps;
  const sign = (c: Omit<PowChallenge, 'signature'>, client: string) =>
    keyedHash(secret, 'pow', signedPart(c, client));

  /** The base work for a client's first challenges in a window, doubling for each one past them. */
  async function difficultyFor(client: string): Promise<number> {
    if (!counter) return deps.maxnumber;
    const { count } = await counter.hitCounter({
      key: `pow:${keyedHash(secret, 'pow-rate', client)}`,
      windowMs: ESCALATION_WINDOW_MS,
      now: now(),
    });
    const doublings = Math.min(
      Math.max(0, count - (deps.freeChallenges ?? FREE_CHALLENGES)),
      MAX_DOUBLINGS,
    );
    return Math.min(deps.maxnumber * 2 ** doublings, 1e9);
  }

  return {
    async issue(binding: PowBinding): Promise<PowChallenge> {
      const maxnumber = await difficultyFor(binding.client);
      const issuedAt = now();
      const salt = randomBytes(16).toString('hex');
      const unsigned = {
        algorithm: 'SHA-256' as const,
        challenge: sha256Hex(salt + randomInt(0, maxnumber + 1)),
        salt,
        maxnumber,
        issuedAt: new Date(issuedAt).toISOString(),
        expiresAt: new Date(issuedAt + CHALLENGE_TTL_MS).toISOString(),
        ...(binding.url !== null && { url: binding.url }),
        minSubmitSeconds: deps.minSubmitSeconds,
      };
      return { ...unsigned, signature: sign(unsigned, binding.client) };
    },

    /**
     * Checks a solution without using it up, for a post to `binding.url` from `binding.client`; returns
     * when its challenge was issued (epoch ms).
     */
    verify(solution: PowSolution | undefined, binding: PowBinding): { issuedAt: number } {
      if (!solution) throw refuse('is required: solve GET /api/challenge first');
      const { signature, number, ...unsigned } = solution;
      if (!sameHex(signature, sign(unsigned, binding.client)))
        throw refuse('is not a challenge from this server for this address');
      if (unsigned.url !== undefined && unsigned.url !== binding.url)
        throw refuse('is for another page: solve a new challenge');
      const expiresAt = Date.parse(unsigned.expiresAt);
      if (!(now() <= expiresAt)) throw refuse('has expired: solve a new challenge');
      if (
        number > unsigned.maxnumber ||
        !sameHex(sha256Hex(unsigned.salt + number), unsigned.challenge)
      ) {
        throw refuse('is not solved');
      }
      return { issuedAt: Date.parse(unsigned.issuedAt) };
    },

    /** Uses the solution up; refuses one that was already used, here or on another instance. */
    async claim(solution: PowSolution): Promise<void> {
      const fresh = await store.claimOnce({
        key: `pow:${solution.salt}`,
        expiresAt: Date.parse(solution.expiresAt),
        now: now(),
      });
      if (!fresh) throw refuse('has already been used: solve a new challenge');
    },
  };
}

export type Pow = ReturnType<typeof createPow>;
