/**
 * Domain errors are typed values with a stable `code`; the edge maps them to
 * `{code, message}` (socket ack) or an HTTP status, never the other way round.
 */
export type DomainErrorKind =
  /** The command is not allowed in the aggregate's current state. */
  | 'invalid_state'
  /** The command's data breaks a domain rule. */
  | 'invalid_command'
  | 'not_found'
  | 'forbidden'
  /** Optimistic concurrency kept failing after the bounded retries. */
  | 'conflict';

export class DomainError extends Error {
  constructor(
    /** Stable, machine-readable, e.g. `CONSULTATION_NOT_ASSIGNED`. */
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid_state',
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export class InvalidStateError extends DomainError {
  constructor(code: string, message: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, 'invalid_state', details);
    this.name = 'InvalidStateError';
  }
}

export class ConcurrencyConflictError extends DomainError {
  constructor(streamId: string, attempts: number) {
    super(
      'CONCURRENCY_CONFLICT',
      `Stream ${streamId} kept changing; gave up after ${attempts} attempts`,
      'conflict',
      { streamId, attempts },
    );
    this.name = 'ConcurrencyConflictError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
