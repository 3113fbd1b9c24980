import type { Store } from '../store/store.js';

/** How long the keyed hash of a poster's IP is kept: long enough to trace a spam wave, then it goes. */
export const IP_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

export interface IpRetentionDeps {
  store: Pick<Store, 'purgeIpHashes'>;
  now: () => number;
}

/**
 * Forgets IP hashes older than the retention period. Called on every write and runs at most once an
 * hour, so no timer has to live beside the server and every deployment (tests included) purges alike.
 */
export function createIpRetention({ store, now }: IpRetentionDeps) {
  let nextAt = 0;
  return {
    async maybePurge(): Promise<void> {
      const t = now();
      if (t < nextAt) return;
      // Set before awaiting, so concurrent writes don't start a second purge.
      nextAt = t + PURGE_EVERY_MS;
      await store.purgeIpHashes({ before: t - IP_RETENTION_MS });
    },
  };
}
