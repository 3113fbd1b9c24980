import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import { keyedHash } from './tokens.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const PREFIX = 'ip-key:';

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface IpKeysDeps {
  store: Pick<Store, 'getOrCreateSetting' | 'deleteSettings' | 'getSetting'>;
  now: () => number;
}

/**
 * Keys for hashing client addresses, one per UTC day, as privacy-first analytics do. The server secret
 * sits in the same database as the hashes, so a copy of it could hash all 2^32 IPv4 addresses and read
 * them back; a day's key is forgotten once no rate-limit window can still need it (only today's and
 * yesterday's are kept), after which that day's hashes can no longer be redone by anyone. The keys live
 * in the database so that every instance hashes alike.
 */
export function createIpKeys({ store, now }: IpKeysDeps) {
  let cached: { day: string; key: Promise<string> } | null = null;

  function keyOf(day: string): Promise<string> {
    if (cached?.day === day) return cached.key;
    const key = store.getOrCreateSetting({
      key: PREFIX + day,
      init: () => randomBytes(32).toString('base64url'),
    });
    cached = { day, key };
    key.catch(() => {
      if (cached?.key === key) cached = null;
    });
    return key;
  }

  return {
    /** The address keyed for `purpose` with today's key. */
    async hash(purpose: string, ip: string): Promise<string> {
      return keyedHash(await keyOf(dayOf(now())), purpose, ip);
    },

    /** The key of the day of `at`, while it is still kept (an address ban takes a copy). */
    async keyOfDay(at: number): Promise<string | undefined> {
      return store.getSetting({ key: PREFIX + dayOf(at) });
    },

    /** Forgets every key but today's and yesterday's. */
    async forgetOld(): Promise<void> {
      const t = now();
      await store.deleteSettings({
        prefix: PREFIX,
        except: [PREFIX + dayOf(t), PREFIX + dayOf(t - DAY_MS)],
      });
    },
  };
}

export type IpKeys = ReturnType<typeof createIpKeys>;
