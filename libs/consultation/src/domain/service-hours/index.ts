export * from './business-hours.calendar';
export * from './service-settings.events';
export * from './service-settings.decider';
export * from './auto-reply.decider';
