import type { Sort } from '../schema/index.js';
import type { PageCursor } from '../store/store.js';
import { DomainError } from './errors.js';

export function encodeCursor(c: PageCursor): string {
  const likes = c.likes === undefined ? '' : `${c.likes}.`;
  return Buffer.from(`${likes}${c.createdAt}.${c.id}`).toString('base64url');
}

/** A cursor of `sort` (sort=best's carry the likes too; those of the other sorts do not). */
export function decodeCursor(raw: string, sort?: Sort): PageCursor {
  const m = /^(?:(\d{1,15})\.)?(\d{1,15})\.(\d{1,15})$/.exec(
    Buffer.from(raw, 'base64url').toString(),
  );
  if (!m || (sort !== undefined && (m[1] !== undefined) !== (sort === 'best')))
    throw new DomainError('invalid_request', 'The cursor is not valid.', {
      cursor: 'is not a valid cursor',
    });
  return {
    createdAt: Number(m[2]),
    id: Number(m[3]),
    ...(m[1] !== undefined && { likes: Number(m[1]) }),
  };
}
