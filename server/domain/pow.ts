import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { PowChallenge, PowSolution } from '../schema/index.js';
import type { Store } from '../store/store.js';
import { DomainError } from './errors.js';
import { keyedHash } from './tokens.js';

/** Long enough for someone to write a comment after opening the form; a widget refreshes an older one (docs/pow.md). */
export const CHALLENGE_TTL_MS = 60 * 60 * 1000;

export interface PowDeps {
  secret: string;
  /** The largest hidden number: the solver's worst case in hashes; half of it on average. */
  maxnumber: number;
  now: () => number;
  store: Pick<Store, 'claimOnce'>;
}

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** Everything the signature covers, in one unambiguous string (every part is hex, a number or an ISO date). */
function signedPart(c: Omit<PowChallenge, 'signature'>): string {
  return [c.algorithm, c.challenge, c.salt, c.maxnumber, c.issuedAt, c.expiresAt].join('|');
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
  const { secret, now, store } = deps;
  const sign = (c: Omit<PowChallenge, 'signature'>) => keyedHash(secret, 'pow', signedPart(c));

  return {
    issue(): PowChallenge {
      const issuedAt = now();
      const salt = randomBytes(16).toString('hex');
      const unsigned = {
        algorithm: 'SHA-256' as const,
        challenge: sha256Hex(salt + randomInt(0, deps.maxnumber + 1)),
        salt,
        maxnumber: deps.maxnumber,
        issuedAt: new Date(issuedAt).toISOString(),
        expiresAt: new Date(issuedAt + CHALLENGE_TTL_MS).toISOString(),
      };
      return { ...unsigned, signature: sign(unsigned) };
    },

    /** Checks a solution without using it up; returns when its challenge was issued (epoch ms). */
    verify(solution: PowSolution | undefined): { issuedAt: number } {
      if (!solution) throw refuse('is required: solve GET /api/challenge first');
      const { signature, number, ...unsigned } = solution;
      if (!sameHex(signature, sign(unsigned))) throw refuse('is not a challenge from this server');
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
