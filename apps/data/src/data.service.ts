import type { ServiceDefinition } from '@switchboard/platform/bootstrap';
import { DataAppModule } from './data.app.module';

/** apps/data as main.ts runs it: the same environment and shutdown rules as every service. */
export const DATA_SERVICE: ServiceDefinition = {
  name: 'data',
  module: (options) => DataAppModule.forRoot(options),
  describe: (env) =>
    `event store: ${env.EVENT_STORE}, bus: ${env.BUS}, read model: ${env.DATA_STORE}, ` +
    `relay lease: ${env.RELAY_LEASE}`,
};
