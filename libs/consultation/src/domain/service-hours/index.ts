export * from './business-hours';
export * from './service-settings.events';
export * from './service-settings.decider';
export * from './auto-reply.decider';
