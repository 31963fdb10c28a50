export * from './service.bootstrap';
export * from './absent-dependencies.module';
