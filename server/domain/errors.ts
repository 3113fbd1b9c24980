import type { ErrorCode } from '../schema/errors.js';

/** A refusal the reader or admin can act on; the HTTP layer maps `code` to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
