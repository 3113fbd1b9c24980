import { randomBytes } from 'node:crypto';
import { keyedHash } from './tokens.js';

/**
 * A short seed from which the widget draws the avatar of an imported comment. Keyed by the server's
 * secret and cut to 24 bits, so it cannot be looked up or matched to the email elsewhere (unlike
 * Gravatar). Posting never produces one of these (see `postedAvatarSeed`), so an imported author's
 * avatar cannot be matched by posting either.
 */
export function avatarSeed(secret: string, email: string): string {
  return keyedHash(secret, 'avatar', email.trim().toLowerCase()).slice(0, 6);
}

/**
 * The avatar seed of a posted comment. Were it a function of the email alone, anyone could post with a
 * guessed email and compare the avatar shown with the one on a comment, confirming who wrote it. So it
 * also takes the author key, a random value the widget keeps in the author's browser and sends with
 * every post: the same person in the same browser keeps one avatar, and a guesser, who lacks the key,
 * gets another. A post without a key (a script) gets an avatar of its own.
 */
export function postedAvatarSeed(secret: string, email: string, authorKey: string | null): string {
  const key = authorKey ?? randomBytes(32).toString('base64url');
  return keyedHash(secret, 'avatar-posted', `${email.trim().toLowerCase()}\0${key}`).slice(0, 6);
}
