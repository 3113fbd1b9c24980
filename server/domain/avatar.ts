import { keyedHash } from './tokens.js';

/**
 * A short seed from which the widget draws the avatar. Keyed by the server's secret and cut to 24 bits,
 * so it is stable per author yet cannot be looked up or matched to the email elsewhere (unlike Gravatar).
 */
export function avatarSeed(secret: string, email: string): string {
  return keyedHash(secret, 'avatar', email.trim().toLowerCase()).slice(0, 6);
}
