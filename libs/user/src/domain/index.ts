export * from './customer-facts';
export * from './customer-access.policy';
export * from './customer-profile.view';
export * from './customer-timeline.view';
export * from './satisfaction-history.view';
export * from './timeline-cursor';
export * from './user.errors';
