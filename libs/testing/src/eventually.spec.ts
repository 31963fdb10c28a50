import { describe, expect, it } from 'vitest';
import { eventually, waitUntil } from './eventually';

describe('eventually / waitUntil', () => {
  it('eventually answers once the check stops throwing, and rethrows its last error in the end', async () => {
    let calls = 0;
    await expect(
      eventually(
        () => {
          if (++calls < 3) throw new Error('not yet');
          return 'done';
        },
        1000,
        1,
      ),
    ).resolves.toBe('done');
    await expect(
      eventually(
        () => {
          throw new Error('never');
        },
        30,
        5,
      ),
    ).rejects.toThrow('never');
  });

  it('waitUntil resolves when the condition holds and names what it waited for otherwise', async () => {
    let n = 0;
    await expect(waitUntil(() => ++n >= 3, 'three', 1000, 1)).resolves.toBeUndefined();
    await expect(waitUntil(() => false, 'the moon', 30, 5)).rejects.toThrow(
      'Timed out after 30 ms waiting for the moon',
    );
  });
});
