import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isUuidShaped } from './append-checks';

/** The expression the char loop replaced: the loop must agree with it on every input. */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('isUuidShaped', () => {
  it('takes 8-4-4-4-12 hex digits in either case', () => {
    expect(isUuidShaped('ea804a36-08e6-5601-bd4b-553fb42dd13a')).toBe(true);
    expect(isUuidShaped('EA804A36-08E6-5601-BD4B-553FB42DD13A')).toBe(true);
    expect(isUuidShaped(randomUUID())).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too short', 'ea804a36-08e6-5601-bd4b-553fb42dd13'],
    ['too long', 'ea804a36-08e6-5601-bd4b-553fb42dd13aa'],
    ['no dashes', 'ea804a3608e65601bd4b553fb42dd13a0000'],
    ['a dash moved', 'ea804a3-608e6-5601-bd4b-553fb42dd13a'],
    ['a non-hex digit', 'ga804a36-08e6-5601-bd4b-553fb42dd13a'],
    ['braces', '{a804a36-08e6-5601-bd4b-553fb42dd13}'],
  ])('refuses %s', (_, id) => {
    expect(isUuidShaped(id)).toBe(false);
  });

  it('agrees with the regular expression on 20,000 mutated ids', () => {
    const alphabet = '0123456789abcdefABCDEFgG-_ {}/';
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      const chars = [...randomUUID()];
      const edits = Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * chars.length);
        const kind = random();
        const c = alphabet[Math.floor(random() * alphabet.length)];
        if (kind < 0.6) chars[at] = c;
        else if (kind < 0.8) chars.splice(at, 1);
        else chars.splice(at, 0, c);
      }
      const id = chars.join('');
      expect(isUuidShaped(id), id).toBe(UUID_SHAPE.test(id));
      if (UUID_SHAPE.test(id)) accepted++;
    }
    expect(accepted).toBeGreaterThan(5_000);
    expect(accepted).toBeLessThan(15_000);
  });
});
