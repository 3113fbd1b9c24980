import type { PageCursor } from '../store/store.js';
import { DomainError } from './errors.js';

export function encodeCursor(c: PageCursor): string {
  return Buffer.from(`${c.createdAt}.${c.id}`).toString('base64url');
}

export function decodeCursor(raw: string): PageCursor {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(raw, 'base64url').toString());
  if (!m)
    throw new DomainError('invalid_request', 'The cursor is not valid.', {
      cursor: 'is not a valid cursor',
    });
  return { createdAt: Number(m[1]), id: Number(m[2]) };
}
