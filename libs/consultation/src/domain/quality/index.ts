export * from './automatic-checks';
export * from './inspection.decider';
export * from './quality.errors';
export * from './quality.streams';
export * from './scorecard.decider';
export * from './weighted-total';
