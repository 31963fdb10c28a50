/**
 * Building blocks of the v1 data schemas (JSON Schema draft 2020-12, Ajv strict mode). Every
 * object stays open (`additionalProperties: true`): a field may be added inside v1, and tolerant
 * readers ignore what they do not know.
 */

/** A non-empty string: ids and names. */
export const id = { type: 'string', minLength: 1 } as const;

/** Any string, the empty one included: free text from people. */
export const text = { type: 'string' } as const;

/** A string or null. */
export const nullableText = { type: ['string', 'null'] } as const;

/** A non-empty string or null. */
export const nullableId = { type: ['string', 'null'], minLength: 1 } as const;

/** An ISO 8601 moment with its offset (`2026-01-31T12:00:00.000Z`). */
export const dateTime = { type: 'string', format: 'date-time' } as const;

export const count = { type: 'integer', minimum: 0 } as const;

export const stringList = { type: 'array', items: id } as const;

/** One of a closed set of strings. */
export function oneOfValues(values: readonly string[], description?: string) {
  return { type: 'string', enum: [...values], ...(description ? { description } : {}) };
}

/**
 * An open object whose listed properties are all required unless named in `optional`.
 * Nullable fields are required too: a consumer can tell "none" (null) from an older producer.
 */
export function object(
  properties: Readonly<Record<string, unknown>>,
  options: { readonly optional?: readonly string[]; readonly description?: string } = {},
): Record<string, unknown> {
  const optional = new Set(options.optional ?? []);
  return {
    type: 'object',
    ...(options.description ? { description: options.description } : {}),
    required: Object.keys(properties).filter((name) => !optional.has(name)),
    properties,
    additionalProperties: true,
  };
}
