import { ioOptionsFromEnv, SwitchboardIoAdapter } from '@switchboard/gateway';
import type { ServiceDefinition } from '@switchboard/platform/bootstrap';
import { GatewayAppModule } from './gateway.app.module';

/** apps/gateway as main.ts runs it and tests create it: socket.io with the allowed origins. */
export const GATEWAY_SERVICE: ServiceDefinition = {
  name: 'gateway',
  module: (options) => GatewayAppModule.forRoot(options),
  describe: (env) =>
    `gateway ${env.GATEWAY_ID ?? 'gw-<host>-<pid>'}, delivery: ${env.DELIVERY_ADAPTER}, ` +
    `edge: im ${env.IM_URL}, customer-service ${env.CUSTOMER_SERVICE_URL}`,
  configure: (app, env) => {
    app.useWebSocketAdapter(new SwitchboardIoAdapter(app, ioOptionsFromEnv(env)));
  },
};
