export * from './real-infra';
export * from './decider-spec';
export * from './fixed-clock';
export * from './eventually';
export * from './seeded-random';
export * from './counting-reads';
