import { afterEach, describe, expect, it, vi } from 'vitest';
import { RelayStoppedError, RetryLoop } from './relay.retry';

const quiet = { warn: () => undefined, error: () => undefined };

describe('RetryLoop', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a new attempt once the stop deadline fired, even a millisecond "early"', async () => {
    const loop = new RetryLoop(10, 100, quiet, 'test');
    const started = Date.now();
    loop.stopAfter(20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    // Timers may fire when Date.now() is still one millisecond short of the deadline: an
    // attempt started then must not run unguarded (nobody would abort it if it hung).
    vi.spyOn(Date, 'now').mockReturnValue(started + 19);
    const operation = vi.fn(() => new Promise<void>(() => undefined));
    await expect(loop.run('save', operation, () => undefined)).rejects.toBeInstanceOf(
      RelayStoppedError,
    );
    expect(operation).not.toHaveBeenCalled();
  });

  it('aborts a pending attempt at the deadline and runs again after reset()', async () => {
    const loop = new RetryLoop(10, 100, quiet, 'test');
    const hung = loop.run(
      'publish',
      () => new Promise<void>(() => undefined),
      () => undefined,
    );
    loop.stopAfter(20);
    await expect(hung).rejects.toBeInstanceOf(RelayStoppedError);
    loop.reset();
    await expect(
      loop.run(
        'publish',
        () => Promise.resolve(),
        () => undefined,
      ),
    ).resolves.toBe(undefined);
  });
});
