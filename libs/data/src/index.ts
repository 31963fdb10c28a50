export * from './domain/fact';
export * from './domain/metrics.types';
export * from './store/fact-store.port';
export * from './store/in-memory.fact-store';
export * from './domain/to-facts';
export * from './domain/unsupported-message.error';
export { computeMetrics } from './domain/metrics';
export { NO_GROUP } from './domain/metrics-rows';
