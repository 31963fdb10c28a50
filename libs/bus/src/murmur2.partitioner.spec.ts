import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './murmur2.partitioner';

// kafkajs' own implementation (Java-compatible DefaultPartitioner) is the reference.
const kafkajsMurmur2 = createRequire(__filename)(
  'kafkajs/src/producer/partitioners/default/murmur2',
) as (key: string) => number;

describe('murmur2 partitioner', () => {
  it('hashes exactly as kafkajs / the Java client do', () => {
    const keys = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'conversation-42',
      'héllo ✓',
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    ];
    for (let i = 0; i < 200; i++) keys.push(`key-${i}-${'x'.repeat(i % 7)}`);
    for (const key of keys) expect(murmur2(key), key).toBe(kafkajsMurmur2(key));
  });

  it('maps a key to a stable partition in range', () => {
    for (let i = 0; i < 100; i++) {
      const partition = partitionForKey(`k${i}`, 3);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(3);
      expect(partitionForKey(`k${i}`, 3)).toBe(partition);
    }
  });
});
