import { NOT_A_PAGE_ADDRESS } from '../schema/thread-url.js';
import { DomainError } from './errors.js';
import { threadKey } from './url-key.js';

/**
 * The longest stored thread key, in UTF-8 bytes. Normalising percent-encodes, so a key can be about nine
 * times its address (every CJK character becomes %XX%XX%XX); PostgreSQL's index refuses rows past about
 * 2.7 kB, and a key must fit back into the query string that reads it.
 */
export const THREAD_KEY_MAX_BYTES = 2048;

export const fitsThreadKey = (key: string) =>
  Buffer.byteLength(key, 'utf8') <= THREAD_KEY_MAX_BYTES;

/** The thread key of a page address, or a 400 the client can act on (`field` names the input). */
export function requireThreadKey(url: string, field = 'url'): string {
  const key = threadKey(url);
  if (!key)
    throw new DomainError('invalid_request', 'The page address is not valid.', {
      [field]: NOT_A_PAGE_ADDRESS,
    });
  if (!fitsThreadKey(key))
    throw new DomainError('url_too_long', 'The page address is too long to keep comments for.', {
      [field]: `must be at most ${THREAD_KEY_MAX_BYTES} bytes once percent-encoded`,
    });
  return key;
}
