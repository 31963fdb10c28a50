export * from './event-store.port';
export * from './event-store.errors';
export * from './event-filter';
export * from './append-checks';
export * from './catch-up.subscription';
