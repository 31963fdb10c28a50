export * from './consultation.commands';
export * from './consultation.decider';
export * from './consultation.errors';
export * from './consultation.events';
export * from './consultation.policy';
export * from './consultation.state';
export { timerId } from './consultation.timers';
export * from './stream-names.helpers';
