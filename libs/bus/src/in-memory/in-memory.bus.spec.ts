import { describe, expect, it } from 'vitest';
import { describeBusContract } from '../../test/contract/bus.contract';
import { Recorder } from '../../test/contract/bus-contract.helpers';
import { silentBusLogger } from '../bus.logger';
import { InMemoryBus } from './in-memory.bus';

describeBusContract(
  'in-memory',
  async () => new InMemoryBus({ partitions: 3, redeliveryBackoffMs: 20, logger: silentBusLogger }),
  {
    stepTimeoutMs: 5_000,
  },
);

describe('InMemoryBus beyond the contract', () => {
  it('trims handled history down to the retention, keeping what a group has not handled', async () => {
    const bus = new InMemoryBus({
      partitions: 1,
      retainPerPartition: 10,
      maxPerPartition: 1_000,
      logger: silentBusLogger,
    });
    const recorder = new Recorder();
    const consumer = await bus.consume({ groupId: 'g', topics: ['t'] }, recorder.handler);
    await consumer.stop();
    await bus.publish(
      Array.from({ length: 100 }, (_, i) => ({ topic: 't', key: 'k', value: String(i) })),
    );

    // The stopped group holds history back: a restart sees everything.
    const resumed = await bus.consume({ groupId: 'g', topics: ['t'] }, recorder.handler);
    await recorder.waitForCount(100, 2_000);
    await resumed.stop();
    await bus.publish({ topic: 't', key: 'k', value: 'after' });

    // Now every group is past it: a new group from the beginning finds only the retained tail.
    const late = new Recorder();
    await bus.consume({ groupId: 'late', topics: ['t'] }, late.handler);
    await late.waitForCount(1, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(late.handled.length).toBeLessThanOrEqual(12);
    expect(late.values().at(-1)).toBe('after');
    await bus.close();
  });

  it('drops unhandled messages beyond the hard ceiling and resumes at the oldest kept', async () => {
    const bus = new InMemoryBus({
      partitions: 1,
      retainPerPartition: 5,
      maxPerPartition: 20,
      logger: silentBusLogger,
    });
    const stalled = await bus.consume({ groupId: 'g', topics: ['t'] }, new Recorder().handler);
    await stalled.stop();
    await bus.publish(
      Array.from({ length: 50 }, (_, i) => ({ topic: 't', key: 'k', value: String(i) })),
    );
    const recorder = new Recorder();
    await bus.consume({ groupId: 'g', topics: ['t'] }, recorder.handler);
    await recorder.waitForCount(20, 2_000);
    expect(recorder.values().at(-1)).toBe('49');
    expect(recorder.handled.length).toBeLessThanOrEqual(25);
    await bus.close();
  });

  it('stops a consumer that was still joining when close() ran, and rejects its consume', async () => {
    const bus = new InMemoryBus({ partitions: 1, logger: silentBusLogger });
    const recorder = new Recorder();
    const joining = bus.consume({ groupId: 'g', topics: ['t'] }, recorder.handler);
    await bus.close();
    await expect(joining).rejects.toThrow(/closed/);
    // Nothing may still own a partition: a message appended to the log now reaches no one.
    const logs = (bus as unknown as { topics: Map<string, { append(r: object): void }[]> }).topics;
    logs.get('t')![0]!.append({ key: 'k', value: 'late', headers: {}, timestamp: new Date() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorder.attempts).toEqual([]);
  });

  it('rejects publish and consume after close', async () => {
    const bus = new InMemoryBus();
    await bus.close();
    await expect(bus.publish({ topic: 't', key: 'k', value: 'v' })).rejects.toThrow(/closed/);
    await expect(
      bus.consume({ groupId: 'g', topics: ['t'] }, async () => undefined),
    ).rejects.toThrow(/closed/);
  });
});
