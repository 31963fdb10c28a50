import { scoreIsDerived } from '@switchboard/routing';
import {
  type AssignmentReason,
  type ConsultationContext,
  type StoredAssignmentReason,
  type TransferTarget,
} from './consultation.events';
import { ConsultationErrorCode, invalidCommand } from './consultation.errors';
import { isPositiveDuration } from './consultation.policy';

/**
 * Rules on command data. The edges validate shapes with class-validator; these are the domain's
 * own rules, checked again because commands also come from timers, consumers and tools.
 */

export const MAX_COMMENT_LENGTH = 2000;

export function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidCommand(field, `${field} must be a non-empty string`);
  }
  return value;
}

export function optionalText(field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidCommand(field, `${field} must be a string`);
  return value;
}

export function requireTime(field: string, value: unknown): string {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw invalidCommand(field, `${field} must be an ISO-8601 time`);
  return new Date(time).toISOString();
}

export function durationOr(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!isPositiveDuration(value)) {
    throw invalidCommand(field, `${field} must be a positive integer of milliseconds`);
  }
  return value;
}

export function validContext(value: unknown): ConsultationContext {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidCommand('context', 'context must be an object');
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && !['string', 'number', 'boolean'].includes(typeof item)) {
      throw invalidCommand(`context.${key}`, 'context values must be strings, numbers or booleans');
    }
  }
  return value as ConsultationContext;
}

export function validReason(
  reason: AssignmentReason | StoredAssignmentReason | undefined,
  agentId: string,
): void {
  if (reason === undefined || typeof reason !== 'object') {
    throw invalidCommand('reason', 'an assignment needs its reason');
  }
  requireId('reason.strategy', reason.strategy);
  if (reason.winner !== agentId) {
    throw invalidCommand('reason.winner', 'reason.winner must be the assigned agent');
  }
  if ('candidateColumns' in reason) return validColumns(reason, agentId);
  if (!Array.isArray(reason.candidates)) {
    throw invalidCommand('reason.candidates', 'reason.candidates must be an array');
  }
  reason.candidates.forEach((c, i) => {
    requireId(`reason.candidates[${i}].agentId`, c.agentId);
    for (const key of ['load', 'capacity', 'weight', 'score'] as const) {
      if (typeof c[key] !== 'number' || !Number.isFinite(c[key])) {
        throw invalidCommand(`reason.candidates[${i}].${key}`, `${key} must be a finite number`);
      }
    }
  });
  if (reason.candidates.length > 0 && !reason.candidates.some((c) => c.agentId === agentId)) {
    throw invalidCommand('reason.candidates', 'the winner must be one of the candidates');
  }
}

/** The same rules as for candidate objects, on the stored column form. */
function validColumns(reason: StoredAssignmentReason, agentId: string): void {
  const { candidateColumns: columns, candidateConstants: constants = {} } = reason;
  if (typeof columns !== 'object' || columns === null) {
    throw invalidCommand('reason.candidateColumns', 'reason.candidateColumns must be an object');
  }
  const ids = columns.agentId ?? [];
  for (const field in columns) {
    const column = columns[field];
    if (!Array.isArray(column) || column.length !== ids.length) {
      throw invalidCommand(
        `reason.candidateColumns.${field}`,
        'every column needs one value per candidate',
      );
    }
  }
  validConstants(constants, columns);
  if (!checked.has(ids)) {
    ids.forEach((id, i) => requireId(`reason.candidateColumns.agentId[${i}]`, id));
    checked.add(ids);
  }
  for (const key of NUMERIC_COLUMNS) {
    if (key in constants) continue; // a finite number, checked with the constants
    if (key === 'score' && !('score' in columns) && scoreIsDerived(reason.strategy)) {
      // Left to the loads (D48): the candidates must then say who was eligible.
      const eligible = 'eligible' in columns ? columns['eligible'] : [constants['eligible']];
      if (!eligible.every((value) => typeof value === 'boolean')) {
        throw invalidCommand(
          'reason.candidateColumns.eligible',
          'a reason without scores needs eligible for every candidate',
        );
      }
      continue;
    }
    const column = columns[key] ?? [];
    // An index loop: `every` boxed each double of a score column into a heap number.
    let finite = column.length === ids.length;
    for (let i = 0; finite && i < column.length; i++) finite = Number.isFinite(column[i]);
    if (!finite) {
      throw invalidCommand(`reason.candidateColumns.${key}`, `${key} must be finite numbers`);
    }
  }
  if (ids.length > 0 && !ids.includes(agentId)) {
    throw invalidCommand('reason.candidateColumns', 'the winner must be one of the candidates');
  }
}

/** Shared values: plain values, never the agent id, never also a column. */
function validConstants(
  constants: NonNullable<StoredAssignmentReason['candidateConstants']>,
  columns: StoredAssignmentReason['candidateColumns'],
): void {
  if (typeof constants !== 'object' || constants === null || Array.isArray(constants)) {
    throw invalidCommand(
      'reason.candidateConstants',
      'reason.candidateConstants must be an object',
    );
  }
  for (const field in constants) {
    const value: unknown = constants[field];
    const where = `reason.candidateConstants.${field}`;
    if (field === 'agentId' || field in columns) {
      throw invalidCommand(where, `${field} is a column, not a shared value`);
    }
    const numeric = NUMERIC_FIELDS.has(field);
    const valid = numeric
      ? typeof value === 'number' && Number.isFinite(value)
      : PLAIN_TYPES.has(typeof value);
    if (!valid)
      throw invalidCommand(
        where,
        `${field} must be a ${numeric ? 'finite number' : 'plain value'}`,
      );
  }
}

const NUMERIC_COLUMNS = ['load', 'capacity', 'weight', 'score'] as const;
const NUMERIC_FIELDS = new Set<string>(NUMERIC_COLUMNS);
const PLAIN_TYPES = new Set(['string', 'number', 'boolean']);

/**
 * Agent id columns found valid already: the router's reasons of one drain share one (1,000
 * reasons, one array), so it is checked once; a column is never changed once in a reason.
 */
const checked = new WeakSet<object>();

export function validTarget(to: TransferTarget | undefined): TransferTarget {
  if (to !== undefined && typeof to === 'object') {
    if ('agentId' in to) return { agentId: requireId('to.agentId', to.agentId) };
    if ('group' in to) return { group: requireId('to.group', to.group) };
  }
  throw invalidCommand('to', 'to must be {agentId} or {group}');
}

export function validScore(score: unknown): 1 | 2 | 3 | 4 | 5 {
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) {
    throw invalidCommand(
      'score',
      'score must be an integer from 1 to 5',
      ConsultationErrorCode.InvalidRating,
    );
  }
  return score as 1 | 2 | 3 | 4 | 5;
}

export function validComment(comment: unknown): string | null {
  const text = optionalText('comment', comment);
  if (text !== null && text.length > MAX_COMMENT_LENGTH) {
    throw invalidCommand(
      'comment',
      `comment must be at most ${MAX_COMMENT_LENGTH} characters`,
      ConsultationErrorCode.InvalidRating,
    );
  }
  return text;
}
