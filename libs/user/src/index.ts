export * from './domain';
export * from './application/customer-facts.reader';
export * from './application/customer-views.queries';
export * from './application/customer-views.responses';
export * from './infrastructure/user.module';
