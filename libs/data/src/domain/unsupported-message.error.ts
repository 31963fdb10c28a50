/** Why a topic message of a known type cannot become facts. */
export type UnsupportedMessageCode = 'UNSUPPORTED_VERSION' | 'MALFORMED_DATA';

/**
 * A message of a type the data service knows, in a `version` it cannot read or with `data`
 * that lacks what its facts need. The projector catches it (by `code`), parks the message on
 * the topic's dead-letter topic and goes on; nothing is stored for it.
 */
export class UnsupportedMessageError extends Error {
  constructor(
    readonly code: UnsupportedMessageCode,
    message: string,
    readonly details: Readonly<{ topic: string; type: string; version: number; id: string }>,
  ) {
    super(message);
    this.name = 'UnsupportedMessageError';
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Type guard that also works across copies of this module (checks `code` and `name`). */
export function isUnsupportedMessage(error: unknown): error is UnsupportedMessageError {
  return (
    error instanceof Error &&
    error.name === 'UnsupportedMessageError' &&
    ['UNSUPPORTED_VERSION', 'MALFORMED_DATA'].includes((error as { code?: string }).code ?? '')
  );
}
