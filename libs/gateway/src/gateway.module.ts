import { type DynamicModule, Module } from '@nestjs/common';
import { QUEUE_POSITION_NOTIFIER } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { METRICS_REGISTRY } from '@switchboard/platform';
import { Registry } from 'prom-client';
import { ConnectionTracker } from './connections/connection.tracker';
import { AckedEmitter } from './delivery/acked-emitter';
import { ClientEventHandlers } from './events/client-event.handlers';
import { ClientEventRouter } from './events/client-event.router';
import { MembersCache } from './events/members.cache';
import { GATEWAY_OPTIONS, type GatewayOptions, resolveGatewayOptions } from './gateway.options';
import { createGatewayMetrics, GATEWAY_METRICS } from './metrics/gateway.metrics';
import { PresenceNotifier } from './presence/presence.notifier';
import { GatewayQueuePositionNotifier } from './queue/gateway-queue-position.notifier';
import { GatewayAnnouncement } from './membership/gateway.announcement';
import { SwitchboardGateway } from './switchboard.gateway';

/**
 * The socket.io gateway and the queue-position notifier (global, so ConsultationRuntimeModule
 * finds QUEUE_POSITION_NOTIFIER). Needs, from the app: `CqrsModule.forRoot()` (buses with the
 * conversation and consultation handlers), AuthTokenService (PlatformModule), and global
 * CONNECTION_REGISTRY, GATEWAY_LINK, FAN_OUT and MEMBERSHIP providers (the delivery module). Registers its
 * metrics on METRICS_REGISTRY when present. Socket.io itself comes from the app's WebSocket
 * adapter (Nest's IoAdapter by default; SwitchboardIoAdapter for CORS).
 */
@Module({})
export class GatewayModule {
  static forRoot(options: Partial<GatewayOptions> = {}): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: resolveGatewayOptions(options) },
        {
          provide: GATEWAY_METRICS,
          inject: [ConnectionTracker, { token: METRICS_REGISTRY, optional: true }],
          useFactory: (connections: ConnectionTracker, registry?: Registry) =>
            createGatewayMetrics(registry ?? new Registry(), () => connections.countByChannel()),
        },
        ConnectionTracker,
        AckedEmitter,
        MembersCache,
        ClientEventHandlers,
        ClientEventRouter,
        PresenceNotifier,
        GatewayQueuePositionNotifier,
        { provide: QUEUE_POSITION_NOTIFIER, useExisting: GatewayQueuePositionNotifier },
        SwitchboardGateway,
        GatewayAnnouncement,
      ],
      exports: [GATEWAY_OPTIONS, QUEUE_POSITION_NOTIFIER, ConnectionTracker, AckedEmitter],
    };
  }
}
