export * from './topics.contract';
export * from './envelope.contract';
export * from './envelope.schema';
export * from './contract-violation.error';
export * from './contract.registry';
export * from './envelope.parser';
export * from './im-messages.contract';
export * from './consultation-events.contract';
