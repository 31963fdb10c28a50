import { DomainError } from '@switchboard/es-core';

/** Errors of the application layer: who may see or change what (HTTP 404 / 403). */
export const AccessErrorCode = {
  ConsultationNotFound: 'CONSULTATION_NOT_FOUND',
  AgentNotFound: 'AGENT_NOT_FOUND',
  QueueNotFound: 'QUEUE_NOT_FOUND',
  ConsultationForbidden: 'CONSULTATION_FORBIDDEN',
  AgentForbidden: 'AGENT_FORBIDDEN',
} as const;

export function consultationNotFound(consultationId: string): DomainError {
  return new DomainError(
    AccessErrorCode.ConsultationNotFound,
    `No consultation ${consultationId}`,
    'not_found',
    { consultationId },
  );
}

export function agentNotFound(agentId: string): DomainError {
  return new DomainError(AccessErrorCode.AgentNotFound, `No agent ${agentId}`, 'not_found', {
    agentId,
  });
}

export function queueNotFound(key: string): DomainError {
  return new DomainError(AccessErrorCode.QueueNotFound, `No queue ${key}`, 'not_found', { key });
}

export function consultationForbidden(message: string): DomainError {
  return new DomainError(AccessErrorCode.ConsultationForbidden, message, 'forbidden');
}

export function agentForbidden(message: string): DomainError {
  return new DomainError(AccessErrorCode.AgentForbidden, message, 'forbidden');
}
