import {
  Inject,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  type GatewayDelivery,
  GATEWAY_LINK,
  type GatewayLink,
} from '@switchboard/delivery/gateway-link/gateway-link.port';
import { AuthTokenService } from '@switchboard/platform';
import { type Server, type Socket } from 'socket.io';
import { ConnectionTracker } from './connections/connection.tracker';
import { handshakeMiddleware, identityOf } from './connections/handshake.middleware';
import { AckedEmitter } from './delivery/acked-emitter';
import { ClientEventRouter } from './events/client-event.router';
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway.options';
import { GATEWAY_METRICS, type GatewayMetrics } from './metrics/gateway.metrics';
import { PresenceNotifier } from './presence/presence.notifier';

/**
 * The socket.io edge on namespace `/` (DESIGN: public contracts v1). Admits sockets whose
 * handshake carries a valid token and device, keeps the connection registry current, answers
 * client events through ClientEventRouter, and emits what the gateway link delivers for its
 * sockets (`message.new` with ack and retry).
 */
@WebSocketGateway()
export class SwitchboardGateway
  implements
    OnGatewayInit<Server>,
    OnGatewayConnection<Socket>,
    OnGatewayDisconnect<Socket>,
    OnApplicationBootstrap,
    OnApplicationShutdown
{
  private readonly logger = new Logger('SwitchboardGateway');
  private stopListening?: () => Promise<void>;

  constructor(
    private readonly tokens: AuthTokenService,
    private readonly connections: ConnectionTracker,
    private readonly events: ClientEventRouter,
    private readonly acked: AckedEmitter,
    private readonly presence: PresenceNotifier,
    @Inject(GATEWAY_LINK) private readonly link: GatewayLink,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(GATEWAY_METRICS) private readonly metrics: GatewayMetrics,
  ) {}

  afterInit(server: Server): void {
    server.use(handshakeMiddleware(this.tokens));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopListening = await this.link.listen(this.options.gatewayId, (deliveries) =>
      this.deliver(deliveries),
    );
    this.connections.start();
  }

  async onApplicationShutdown(): Promise<void> {
    const stop = this.stopListening;
    this.stopListening = undefined;
    await stop?.().catch((error: unknown) => this.logger.warn(`Link close: ${String(error)}`));
  }

  async handleConnection(socket: Socket): Promise<void> {
    // Answer events at once: the registry write must not make a client's first emit wait.
    this.events.attach(socket);
    const first = await this.connections.connected(socket);
    if (first) await this.presence.changed(identityOf(socket), true);
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    this.acked.forget(socket.id);
    const last = await this.connections.disconnected(socket);
    if (last) await this.presence.changed(identityOf(socket), false);
  }

  /** Only this gateway's sockets are named; ones already gone are skipped (they resync). */
  deliver(deliveries: readonly GatewayDelivery[]): void {
    for (const delivery of deliveries) {
      for (const wsid of delivery.wsids) {
        const socket = this.connections.socket(wsid);
        if (socket === undefined || !socket.connected) continue;
        if (delivery.ack) {
          this.acked.send(socket, delivery.event, delivery.payload);
        } else {
          this.metrics.deliveries.inc({ event: delivery.event });
          socket.emit(delivery.event, delivery.payload);
        }
      }
    }
  }
}
