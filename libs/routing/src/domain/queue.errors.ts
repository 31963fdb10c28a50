import { DomainError } from '@switchboard/es-core';

export class QueueEntryNotFoundError extends DomainError {
  constructor(consultationId: string) {
    super(
      'QUEUE_ENTRY_NOT_FOUND',
      `Consultation ${consultationId} is not waiting in this queue`,
      'not_found',
      { consultationId },
    );
    this.name = 'QueueEntryNotFoundError';
  }
}

export class InvalidQueueCommandError extends DomainError {
  constructor(
    code: 'QUEUE_INVALID_AT' | 'QUEUE_AGENT_REQUIRED' | 'QUEUE_ADMISSION_INVALID',
    message: string,
  ) {
    super(code, message, 'invalid_command');
    this.name = 'InvalidQueueCommandError';
  }
}
