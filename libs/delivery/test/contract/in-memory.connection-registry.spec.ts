import { InMemoryConnectionRegistry } from '@switchboard/delivery/connection-registry/in-memory.connection-registry';
import { describeConnectionRegistryContract } from './connection-registry.contract';

let nowMs = 1_700_000_000_000;

describeConnectionRegistryContract(
  'in-memory',
  () => Promise.resolve(new InMemoryConnectionRegistry({ now: () => nowMs })),
  {
    advance: (ms) => {
      nowMs += ms;
    },
    wipe: (registry) => (registry as InMemoryConnectionRegistry).wipe(),
  },
);
