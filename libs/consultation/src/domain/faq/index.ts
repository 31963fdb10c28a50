export * from './faq.commands';
export * from './faq.decider';
export * from './faq.errors';
export * from './faq.events';
