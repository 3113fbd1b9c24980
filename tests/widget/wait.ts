import { waitUntil as waitUntilWithin } from '@open-wc/testing';

/**
 * open-wc's `waitUntil`, giving up after 10 s rather than 1 s unless told otherwise: on a busy two-core
 * machine (three engines and the server tests at once) a thread's first render can take longer than a
 * second, and these waits are for what happens, never for how fast it does.
 */
export const waitUntil: typeof waitUntilWithin = (predicate, message, options) =>
  waitUntilWithin(predicate, message, { timeout: 10_000, ...options });
