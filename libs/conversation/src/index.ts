export * from './domain';
export * from './application/command-context/conversation.options';
export * from './application/conversations-view/conversations.projection';
export * from './infrastructure/conversation.module';
export * from './application/command-context/moderation.settings';
