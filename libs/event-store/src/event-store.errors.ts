/** Typed errors every EventStore adapter throws; callers switch on `code`. */

export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION' as const;
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    /** The stream's last revision, or `-1` when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class IdempotencyConflictError extends Error {
  readonly code = 'IDEMPOTENCY_CONFLICT' as const;
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    reason: string,
  ) {
    super(`Stream ${streamId}: event ${eventId} ${reason}`);
    this.name = 'IdempotencyConflictError';
  }
}

export class EventStoreClosedError extends Error {
  readonly code = 'EVENT_STORE_CLOSED' as const;
  constructor() {
    super('The event store is closed');
    this.name = 'EventStoreClosedError';
  }
}

export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
