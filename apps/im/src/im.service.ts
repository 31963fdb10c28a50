import type { ServiceDefinition } from '@switchboard/platform/bootstrap';
import { ImAppModule } from './im.app.module';

/** apps/im as main.ts runs it and tests create it. */
export const IM_SERVICE: ServiceDefinition = {
  name: 'im',
  module: (options) => ImAppModule.forRoot(options),
};
