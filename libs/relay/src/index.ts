export * from './checkpoint-store.port';
export * from './in-memory/in-memory.checkpoint-store';
export * from './sqlite/sqlite.checkpoint-store';
// Type-only: importing the lib must not load `pg`; the module opens the adapter lazily.
export type {
  PostgresCheckpointStore,
  PostgresCheckpointStoreOptions,
} from './postgres/postgres.checkpoint-store';
export * from './relay.options';
export * from './relay-message.mapper';
export { RELAY_ERROR_HEADER } from './relay.router';
export { RelayFencedError, RelayStoppedError } from './relay.retry';
export * from './event.relay';
export * from './relay-routes.registry';
export * from './relay.settings';
export * from './relay.service';
export * from './relay.module';
