/** One reason a message breaks its contract. */
export interface ContractViolationDetail {
  /** JSON Pointer into the message (`/data/score`); empty for the message as a whole. */
  readonly path: string;
  readonly message: string;
}

/** What was wrong: not JSON at all, the envelope, or `data` against its registered schema. */
export type ContractViolationReason = 'malformed-json' | 'envelope' | 'data';

/**
 * A topic message that does not meet its public contract. Consumers catch it (by `code`),
 * park the message on the topic's dead-letter topic and go on: a bad message never crashes a
 * process and never blocks its partition.
 */
export class ContractViolationError extends Error {
  readonly code = 'CONTRACT_VIOLATION' as const;

  constructor(
    readonly reason: ContractViolationReason,
    /** The topic the message came from, when the caller said. */
    readonly topic: string | undefined,
    readonly errors: readonly ContractViolationDetail[],
  ) {
    super(
      `Contract violation${topic === undefined ? '' : ` on ${topic}`} (${reason}): ` +
        errors
          .slice(0, 5)
          .map((error) => `${error.path || '(message)'} ${error.message}`)
          .join('; ') +
        (errors.length > 5 ? `; and ${errors.length - 5} more` : ''),
    );
    this.name = 'ContractViolationError';
  }
}

/** Type guard that also works across copies of this module (checks `code`, not the class). */
export function isContractViolation(error: unknown): error is ContractViolationError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'CONTRACT_VIOLATION'
  );
}
