import type { ServiceDefinition } from '@switchboard/platform/bootstrap';
import { CustomerServiceAppModule } from './customer-service.app.module';

/** apps/customer-service as main.ts runs it and tests create it. */
export const CUSTOMER_SERVICE: ServiceDefinition = {
  name: 'customer-service',
  module: (options) => CustomerServiceAppModule.forRoot(options),
};
