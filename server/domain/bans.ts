import type { Ban, BanInput } from '../schema/admin-newsroom.js';
import type { BanRecord, Store } from '../store/store.js';
import { DomainError } from './errors.js';
import type { IpKeys } from './ip-keys.js';
import { DAY_MS } from './threads.js';
import { keyedHash } from './tokens.js';
import { iso } from './views.js';

export interface BanDeps {
  store: Pick<Store, 'addBan' | 'listBans' | 'removeBan' | 'findBans' | 'getComment'>;
  ipKeys: Pick<IpKeys, 'keyOfDay'>;
  now: () => number;
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
  return {
    async create(input: BanInput): Promise<Ban> {
      const createdAt = now();
      const common = {
        reason: input.reason,
        createdBy: input.by ?? 'admin',
        createdAt,
        expiresAt: input.days === undefined ? null : createdAt + input.days * DAY_MS,
      };
      if (input.email !== undefined) {
        return toBan(
          await store.addBan({
            kind: 'email',
            value: input.email,
            ipKey: null,
            commentId: null,
            ...common,
          }),
        );
      }
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
      return toBan(
        await store.addBan({
          kind: 'ip',
          value: comment.ipHash,
          ipKey,
          commentId: id,
          ...common,
        }),
      );
    },

    async list(): Promise<Ban[]> {
      return (await store.listBans({ now: now() })).map(toBan);
    },

    async remove(id: number): Promise<void> {
      if (!(await store.removeBan({ id })))
        throw new DomainError('not_found', `There is no ban ${id}.`);
    },

    /** Whether a post from this (lower-cased) email and address is banned. */
    async bans(email: string, ip: string | null): Promise<boolean> {
      const found = await store.findBans({ email, now: now() });
      return found.some((b) =>
        b.kind === 'email'
          ? b.value === email
          : ip !== null && b.ipKey !== null && keyedHash(b.ipKey, 'ip', ip) === b.value,
      );
    },
  };
}

export type Bans = ReturnType<typeof createBans>;
