export * from './domain/fact';
export * from './domain/metrics.types';
export * from './store/fact-store.port';
export * from './store/in-memory.fact-store';
