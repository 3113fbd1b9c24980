import type { Ban, BanInput } from '../schema/admin-newsroom.js';
import type { BanRecord, NewBan, Store } from '../store/store.js';
import { DomainError } from './errors.js';
import type { IpKeys } from './ip-keys.js';
import { DAY_MS } from './threads.js';
import { keyedHash } from './tokens.js';
import { iso } from './views.js';

export interface BanDeps {
  store: Pick<Store, 'addBan' | 'listBans' | 'removeBan' | 'getComment'>;
  ipKeys: Pick<IpKeys, 'keyOfDay'>;
  now: () => number;
}

/**
 * How old the bans a post is checked against may be. Every post is checked, and asking the database each
 * time cost a query per post. A ban set or lifted through this module applies at once; one that arrives
 * otherwise (another instance sharing the database, an import) within this long.
 */
const BAN_REFRESH_MS = 5_000;

/** Bans in force, looked up by what a post brings. */
interface BanIndex {
  emails: Map<string, BanRecord[]>;
  addresses: BanRecord[];
}

function indexBans(bans: readonly BanRecord[]): BanIndex {
  const index: BanIndex = { emails: new Map(), addresses: [] };
  for (const b of bans) {
    if (b.kind === 'ip') index.addresses.push(b);
    else index.emails.set(b.value, [...(index.emails.get(b.value) ?? []), b]);
  }
  return index;
}

function toBan(b: BanRecord): Ban {
  return {
    id: b.id,
    kind: b.kind,
    email: b.kind === 'email' ? b.value : null,
    commentId: b.commentId,
    reason: b.reason,
    createdBy: b.createdBy,
    createdAt: iso(b.createdAt),
    expiresAt: b.expiresAt === null ? null : iso(b.expiresAt),
  };
}

/**
 * Keeping known abusers out: an email, or the address a comment came from, for a time or for good. A
 * comment keeps only a keyed hash of its address, made with that day's key (domain/ip-keys.ts); an
 * address ban keeps the key with it, so later posts can be hashed alike and compared. The key is
 * forgotten with the ban.
 */
export function createBans({ store, ipKeys, now }: BanDeps) {
  // Aged by the monotonic clock: `now` may be a test's fixed one, and expiry is judged by `now` below.
  let loaded: { at: number; index: Promise<BanIndex> } | null = null;

  function inForce(): Promise<BanIndex> {
    const at = performance.now();
    if (loaded && at - loaded.at < BAN_REFRESH_MS) return loaded.index;
    const index = store.listBans({ now: now() }).then(indexBans);
    const entry = { at, index };
    loaded = entry;
    index.catch(() => {
      if (loaded === entry) loaded = null;
    });
    return index;
  }

  async function newBan(input: BanInput): Promise<NewBan> {
    const createdAt = now();
    const common = {
      reason: input.reason,
      createdBy: input.by ?? 'admin',
      createdAt,
      expiresAt: input.days === undefined ? null : createdAt + input.days * DAY_MS,
    };
    if (input.email !== undefined)
      return { kind: 'email', value: input.email, ipKey: null, commentId: null, ...common };
    const id = input.commentId!;
    const comment = await store.getComment({ id });
    if (!comment) throw new DomainError('not_found', `There is no comment ${id}.`);
    const ipKey = comment.ipHash && (await ipKeys.keyOfDay(comment.createdAt));
    if (!comment.ipHash || !ipKey)
      throw new DomainError(
        'invalid_request',
        'The address this comment came from is no longer known (addresses can be banned for two days after posting); ban its email instead.',
        { commentId: 'must be a comment posted in the last two days' },
      );
    return { kind: 'ip', value: comment.ipHash, ipKey, commentId: id, ...common };
  }

  return {
    async create(input: BanInput): Promise<Ban> {
      const ban = await store.addBan(await newBan(input));
      loaded = null;
      return toBan(ban);
    },

    async list(): Promise<Ban[]> {
      return (await store.listBans({ now: now() })).map(toBan);
    },

    async remove(id: number): Promise<void> {
      const removed = await store.removeBan({ id });
      loaded = null;
      if (!removed) throw new DomainError('not_found', `There is no ban ${id}.`);
    },

    /** Whether a post from this (lower-cased) email and address is banned. */
    async bans(email: string, ip: string | null): Promise<boolean> {
      const { emails, addresses } = await inForce();
      const t = now();
      const live = (b: BanRecord) => b.expiresAt === null || b.expiresAt > t;
      if (emails.get(email)?.some(live)) return true;
      return (
        ip !== null &&
        addresses.some(
          (b) => live(b) && b.ipKey !== null && keyedHash(b.ipKey, 'ip', ip) === b.value,
        )
      );
    },
  };
}

export type Bans = ReturnType<typeof createBans>;
