import { DomainError, InvalidStateError } from '@switchboard/es-core';
import { type AgentStatus } from './agent.events';

export const AgentErrorCode = {
  NotRegistered: 'AGENT_NOT_REGISTERED',
  AlreadyRegistered: 'AGENT_ALREADY_REGISTERED',
  NotOnline: 'AGENT_NOT_ONLINE',
  AtCapacity: 'AGENT_AT_CAPACITY',
  InvalidStatus: 'AGENT_INVALID_STATUS',
  InvalidCapacity: 'AGENT_INVALID_CAPACITY',
  InvalidWeight: 'AGENT_INVALID_WEIGHT',
  InvalidCommand: 'AGENT_INVALID_COMMAND',
} as const;

export type AgentErrorCode = (typeof AgentErrorCode)[keyof typeof AgentErrorCode];

export const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'offline'];

export function notRegistered(command: string): DomainError {
  return new DomainError(AgentErrorCode.NotRegistered, 'The agent is not registered', 'not_found', {
    command,
  });
}

export function agentStateError(
  code: AgentErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>>,
): InvalidStateError {
  return new InvalidStateError(code, message, details);
}

function invalid(code: AgentErrorCode, field: string, message: string): DomainError {
  return new DomainError(code, message, 'invalid_command', { field });
}

export function validStatus(value: unknown): AgentStatus {
  if (!AGENT_STATUSES.includes(value as AgentStatus)) {
    throw invalid(AgentErrorCode.InvalidStatus, 'status', 'status must be online, away or offline');
  }
  return value as AgentStatus;
}

export function validCapacity(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(AgentErrorCode.InvalidCapacity, 'capacity', 'capacity must be an integer ≥ 0');
  }
  return value;
}

export function validWeight(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(AgentErrorCode.InvalidWeight, 'weight', 'weight must be a number > 0');
  }
  return value;
}

export function validId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(AgentErrorCode.InvalidCommand, field, `${field} must be a non-empty string`);
  }
  return value;
}

/** A list of names without duplicates, in the order given. */
export function validNames(field: string, value: unknown): readonly string[] {
  if (!Array.isArray(value)) {
    throw invalid(AgentErrorCode.InvalidCommand, field, `${field} must be an array of strings`);
  }
  return [...new Set(value.map((item, i) => validId(`${field}[${i}]`, item)))];
}

export function optionalName(value: unknown): string | null {
  return value === undefined || value === null ? null : validId('name', value);
}
