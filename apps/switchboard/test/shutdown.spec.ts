import type { Bus } from '@switchboard/bus';
import { BUS, InMemoryBus } from '@switchboard/bus';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startSwitchboard } from './switchboard.harness';

describe('shutdown with a stuck adapter', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });

  it('gives up on a bus that never closes and still closes the event store, within budget', async () => {
    // A working bus (consumers start and stop as usual) whose close() never settles.
    const stuckBus: Bus = Object.assign(new InMemoryBus(), {
      close: vi.fn(() => new Promise<void>(() => undefined)),
    });
    harness = await startSwitchboard({
      env: { SHUTDOWN_TIMEOUT_MS: '400' },
      override: (builder) => builder.overrideProvider(BUS).useValue(stuckBus),
    });
    const store = harness.app.get<EventStore>(EVENT_STORE);
    const storeClose = vi.spyOn(store, 'close');

    const started = Date.now();
    await harness.app.close();
    expect(Date.now() - started).toBeLessThan(400);
    expect(stuckBus.close).toHaveBeenCalledTimes(1);
    expect(storeClose).toHaveBeenCalledTimes(1);
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        context: 'BusModule',
        msg: 'Bus did not close cleanly: Error: close() took over 100 ms',
      }),
    );
  });
});
