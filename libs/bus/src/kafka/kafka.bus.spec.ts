import { realInfraAvailable } from '@switchboard/testing';
import { describe } from 'vitest';
import { describeBusContract } from '../../test/contract/bus.contract';
import { kafkaBrokers, kafkaInfra } from '../../test/kafka/kafka.infra';
import { KafkaBus } from './kafka.bus';

// An async suite instead of a top-level await, which `tsc` (CommonJS) rejects.
describe('KafkaBus', async () => {
  const available = await realInfraAvailable(kafkaInfra);

  describe.skipIf(!available)('on a real broker', () => {
    describeBusContract(
      'kafka',
      () =>
        KafkaBus.open({
          brokers: kafkaBrokers(),
          clientId: 'switchboard-bus-contract',
          partitions: 3,
          // Small group timings so rebalances take a second, not half a minute.
          sessionTimeoutMs: 6_000,
          heartbeatIntervalMs: 300,
          rebalanceTimeoutMs: 5_000,
          maxWaitTimeMs: 250,
          redeliveryBackoffMs: 100,
          joinTimeoutMs: 20_000,
        }),
      { stepTimeoutMs: 20_000 },
    );
  });
});
