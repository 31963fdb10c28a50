/**
 * Reads the fields facts need from a topic message's `data` (untrusted JSON). Each reader
 * throws {@link MalformedField} naming the field; `to-facts` turns it into a typed
 * `MALFORMED_DATA` error.
 */
export class MalformedField extends Error {
  constructor(
    readonly field: string,
    expected: string,
  ) {
    super(`data.${field} must be ${expected}`);
  }
}

export type Data = Readonly<Record<string, unknown>>;

export function asData(value: unknown): Data {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedField('(data)', 'an object');
  }
  return value as Data;
}

export function text(data: Data, field: string): string {
  const value = data[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new MalformedField(field, 'a non-empty string');
  }
  return value;
}

export function textOrNull(data: Data, field: string): string | null {
  return data[field] === null || data[field] === undefined ? null : text(data, field);
}

export function integer(data: Data, field: string, min = 0): number {
  const value = data[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new MalformedField(field, `an integer >= ${min}`);
  }
  return value;
}

export function flag(data: Data, field: string): boolean {
  const value = data[field];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new MalformedField(field, 'a boolean');
  return value;
}

export function oneOf<T extends string>(data: Data, field: string, values: readonly T[]): T {
  const value = data[field];
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw new MalformedField(field, `one of ${values.join(', ')}`);
  }
  return value as T;
}

export function texts(data: Data, field: string): string[] {
  const value = data[field];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new MalformedField(field, 'an array of strings');
  }
  return [...(value as string[])];
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO-8601 instant with a zone, normalized to `YYYY-MM-DDTHH:mm:ss.sssZ` so that fact
 * times compare as strings (the FactStore's `from`/`to` filters rely on it).
 */
export function instant(data: Data, field: string): string {
  const value = data[field];
  const ms = parseInstant(value);
  if (Number.isNaN(ms)) throw new MalformedField(field, 'an ISO-8601 instant with a zone');
  return new Date(ms).toISOString();
}

/** Epoch ms of an ISO-8601 instant with a zone (`Z` or `±HH:mm`); NaN for anything else. */
export function parseInstant(value: unknown): number {
  return typeof value === 'string' && ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
}
