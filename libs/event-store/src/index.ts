export * from './event-store.port';
export * from './event-store.errors';
export * from './event-filter';
export * from './append-checks';
export * from './catch-up.subscription';
export * from './sqlite/sqlite.event-store';
// Type-only: importing the lib must not load the PostgreSQL or EventStoreDB drivers (the
// module opens adapters lazily). Import those classes from their own files.
export type { PostgresEventStore } from './postgres/postgres.event-store';
export type {
  EventStoreDbEventStore,
  EventStoreDbOptions,
} from './eventstoredb/eventstoredb.event-store';
export * from './event-store.module';
