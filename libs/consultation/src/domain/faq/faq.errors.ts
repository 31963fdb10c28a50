import { DomainError, InvalidStateError } from '@switchboard/es-core';

export const FaqErrorCode = {
  EntryExists: 'FAQ_ENTRY_EXISTS',
  EntryNotFound: 'FAQ_ENTRY_NOT_FOUND',
  ReplyExists: 'CANNED_REPLY_EXISTS',
  ReplyNotFound: 'CANNED_REPLY_NOT_FOUND',
  InvalidCommand: 'FAQ_INVALID_COMMAND',
} as const;

export function entryExists(entryId: string): DomainError {
  return new InvalidStateError(FaqErrorCode.EntryExists, `FAQ entry ${entryId} already exists`, {
    entryId,
  });
}

export function entryNotFound(entryId: string): DomainError {
  return new DomainError(FaqErrorCode.EntryNotFound, `No FAQ entry ${entryId}`, 'not_found', {
    entryId,
  });
}

export function replyExists(replyId: string): DomainError {
  return new InvalidStateError(FaqErrorCode.ReplyExists, `Canned reply ${replyId} already exists`, {
    replyId,
  });
}

export function replyNotFound(replyId: string): DomainError {
  return new DomainError(FaqErrorCode.ReplyNotFound, `No canned reply ${replyId}`, 'not_found', {
    replyId,
  });
}

export function invalidFaqCommand(field: string, message: string): DomainError {
  return new DomainError(FaqErrorCode.InvalidCommand, message, 'invalid_command', { field });
}
