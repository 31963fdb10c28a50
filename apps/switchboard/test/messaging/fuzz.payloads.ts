/**
 * Malformed payloads for fuzz tests: a valid template (required fields only) with one field
 * dropped, one field of the wrong kind, or an unknown field added; or not an object at all. Seeded, so a
 * failure can be replayed with the same seed (`seededRandom` from @switchboard/testing).
 */

const BAD_VALUES: readonly unknown[] = [
  null,
  true,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  'x'.repeat(20_000),
  '../../etc/passwd',
  '\u0000',
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  { nested: { deeper: [null] } },
];

export type Template = Readonly<Record<string, unknown>>;

/** One malformed variant of `template`; never equal to a valid payload of the same shape. */
export function malformed(template: Template, random: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const roll = random();
  if (roll < 0.1) return pick([null, 42, 'text', [], [template], true]);
  if (roll < 0.4)
    return { ...template, [`unknown_${Math.floor(random() * 1000)}`]: pick(BAD_VALUES) };
  const keys = Object.keys(template);
  if (keys.length === 0) return { unknown: pick(BAD_VALUES) };
  const key = pick(keys);
  const valid = template[key];
  let value = pick(BAD_VALUES);
  // Of another kind than the valid value: validators are strict (no implicit conversion).
  while (kind(value) === kind(valid)) value = pick(BAD_VALUES);
  if (roll < 0.5) {
    // Templates hold required fields only, so a missing one is always an error.
    const { [key]: _dropped, ...rest } = template;
    return rest;
  }
  return { ...template, [key]: value };
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
