import { KNOWN_ENV_VARS, validateEnv } from '@switchboard/platform';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';

const example = parseEnv(readFileSync(resolve(__dirname, '../.env.example'), 'utf8'));

describe('.env.example', () => {
  it('documents exactly the variables the env schema knows', () => {
    expect(Object.keys(example).sort()).toEqual([...KNOWN_ENV_VARS].sort());
  });

  it('is a valid configuration as it stands', () => {
    expect(() => validateEnv(example)).not.toThrow();
  });
});
