import {
  type FieldError,
  RequestValidationError,
  flattenValidationErrors,
} from '@switchboard/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

/** Deeper or bigger than any valid payload: refused before class-transformer walks it. */
const MAX_DEPTH = 6;
const MAX_NODES = 5000;
/** Keys class-transformer skips silently; here they are unknown fields, as any other. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * STYLE rule 8 at the socket edge, like the REST ValidationPipe: a plain object only, unknown
 * fields are errors, no implicit conversion ("5" is not 5). Throws RequestValidationError
 * (`VALIDATION_FAILED` with field errors); resolves with the DTO instance.
 */
export async function validatePayload<T extends object>(
  dto: new () => T,
  payload: unknown,
): Promise<T> {
  if (!isPlainObject(payload)) throw invalid('payload', 'payload must be a JSON object');
  const shapeError = checkShape(payload);
  if (shapeError !== undefined) throw new RequestValidationError([shapeError]);
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new RequestValidationError(flattenValidationErrors(errors));
  return instance;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Depth, size and key checks in one bounded walk (no recursion on attacker-chosen depth). */
function checkShape(payload: Record<string, unknown>): FieldError | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [
    { value: payload, depth: 0, path: '' },
  ];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (++nodes > MAX_NODES) return field('payload', 'payload is too large');
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) return field(path, `${path} nests too deep`);
    if (!Array.isArray(value) && !isPlainObject(value)) {
      return field(path || 'payload', `${path || 'payload'} must hold JSON values only`);
    }
    for (const key of Object.keys(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) return field(child, `property ${key} should not exist`);
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: child });
    }
  }
  return undefined;
}

function field(name: string, message: string): FieldError {
  return { field: name, constraints: { payload: message } };
}

function invalid(name: string, message: string): RequestValidationError {
  return new RequestValidationError([field(name, message)]);
}
