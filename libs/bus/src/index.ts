export * from './bus.port';
export * from './bus.logger';
export * from './bus.module';
export * from './group.consumer';
export { InMemoryBus, type InMemoryBusOptions } from './in-memory/in-memory.bus';
export { partitionForKey } from './murmur2.partitioner';
// Types only: importing the lib must not load kafkajs; `openBus` (bus.module) loads it on demand.
export type { KafkaBus, KafkaBusOptions } from './kafka/kafka.bus';
