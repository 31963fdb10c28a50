export * from './decider';
export * from './domain-error';
export * from './event-id';
export * from './command-handler';
export * from './stream-writer';
export * from './snapshots';
export type { PreparedWrite } from './prepared-write';
export * from './iso-time';
