import type { Store } from '../store/store.js';
import type { IpKeys } from './ip-keys.js';

/** How long the keyed hash of a poster's IP is kept: long enough to trace a spam wave, then it goes. */
export const IP_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

export interface IpRetentionDeps {
  store: Pick<Store, 'purgeIpHashes'>;
  now: () => number;
  ipKeys: Pick<IpKeys, 'forgetOld'>;
}

/**
 * Forgets IP hashes older than the retention period, and the day keys they were made with once no
 * rate-limit window needs them. Runs at most once an hour, whether a write or the timer asks first.
 */
export function createIpRetention({ store, now, ipKeys }: IpRetentionDeps) {
  let nextAt = 0;
  return {
    async maybePurge(): Promise<void> {
      const t = now();
      if (t < nextAt) return;
      // Set before awaiting, so concurrent writes don't start a second purge.
      nextAt = t + PURGE_EVERY_MS;
      await store.purgeIpHashes({ before: t - IP_RETENTION_MS });
      await ipKeys.forgetOld();
    },
  };
}

export type IpRetention = ReturnType<typeof createIpRetention>;

/**
 * Purges every hour even when nobody posts: a quiet site must forget too. The timer never keeps the
 * process alive; the returned function stops it.
 */
export function startIpRetentionTimer(
  retention: IpRetention,
  onError: (err: unknown) => void,
): () => void {
  const timer = setInterval(() => {
    retention.maybePurge().catch(onError);
  }, PURGE_EVERY_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}
