import { describeCheckpointStoreContract } from '../../test/contract/checkpoint-store.contract';
import { InMemoryCheckpointStore } from './in-memory.checkpoint-store';

describeCheckpointStoreContract('in-memory', {
  open: async () => new InMemoryCheckpointStore(),
  persistent: false,
});
