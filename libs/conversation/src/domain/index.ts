export * from './conversation.commands';
export * from './conversation.events';
export * from './conversation.errors';
export * from './conversation.state';
export * from './conversation.decider';
export * from './sent-messages.index';
export * from './moderation/moderation.policy';
export * from './moderation/rule-list.moderation-policy';
