import type { ServiceDefinition } from '@switchboard/platform/bootstrap';
import { DispatcherAppModule } from './dispatcher.app.module';

/** apps/dispatcher as main.ts runs it and tests create it. */
export const DISPATCHER_SERVICE: ServiceDefinition = {
  name: 'dispatcher',
  module: (options) => DispatcherAppModule.forRoot(options),
  openApi: false,
  describe: (env) => `bus: ${env.BUS}, delivery: ${env.DELIVERY_ADAPTER}`,
};
