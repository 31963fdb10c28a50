import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { MEMBERSHIP, type Membership, MembershipAnnouncer } from '@switchboard/delivery';
import { ConnectionTracker } from '../connections/connection.tracker';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';

/**
 * Keeps this gateway in the live-gateway list (`GET /v1/gateways/allocate` picks from it) with
 * its current connection count; withdraws it before the sockets are drained at shutdown, so no
 * new client is sent to a gateway that is going away.
 */
@Injectable()
export class GatewayAnnouncement implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly announcer: MembershipAnnouncer | undefined;

  constructor(
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
    @Optional() @Inject(MEMBERSHIP) membership: Membership | undefined,
    connections: ConnectionTracker,
  ) {
    const url = options.publicUrl;
    const logger = new Logger('GatewayAnnouncement');
    this.announcer =
      url === undefined || membership === undefined
        ? undefined
        : new MembershipAnnouncer(
            membership,
            () => ({
              gatewayId: options.gatewayId,
              url,
              connections: Object.values(connections.countByChannel()).reduce((a, b) => a + b, 0),
            }),
            { logger: { warn: (message) => logger.warn(message) } },
          );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.announcer?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.announcer?.stop();
  }
}
