import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { QUEUE_POSITION_NOTIFIER } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { METRICS_REGISTRY } from '@switchboard/platform';
import { Registry } from 'prom-client';
import { ConnectionTracker } from './connections/connection.tracker';
import { AckedEmitter } from './delivery/acked-emitter';
import { EDGE_SERVICES } from './edge/edge-services.port';
import { HttpEdgeServices } from './edge/http.edge-services';
import { InProcessEdgeServices } from './edge/in-process.edge-services';
import { ClientEventHandlers } from './events/client-event.handlers';
import { ClientEventRouter } from './events/client-event.router';
import { MembersCache } from './events/members.cache';
import {
  DEFAULT_EDGE_TIMEOUT_MS,
  GATEWAY_OPTIONS,
  type GatewayEdgeOptions,
  type GatewayOptions,
  resolveGatewayOptions,
} from './gateway.options';
import { createGatewayMetrics, GATEWAY_METRICS } from './metrics/gateway.metrics';
import { PresenceNotifier } from './presence/presence.notifier';
import { GatewayQueuePositionNotifier } from './queue/gateway-queue-position.notifier';
import { GatewayAnnouncement } from './membership/gateway.announcement';
import { SwitchboardGateway } from './switchboard.gateway';

/**
 * The socket.io gateway (global). Needs, from the app: AuthTokenService (PlatformModule), and
 * global CONNECTION_REGISTRY, GATEWAY_LINK, FAN_OUT and MEMBERSHIP providers (the delivery
 * module). Registers its metrics on METRICS_REGISTRY when present. Socket.io itself comes from
 * the app's WebSocket adapter (Nest's IoAdapter by default; SwitchboardIoAdapter for CORS).
 *
 * `edge` picks the EDGE_SERVICES adapter. `in-process` (default, apps/switchboard) also needs
 * `CqrsModule.forRoot()` with the conversation and consultation handlers, and provides the
 * queue-position notifier (QUEUE_POSITION_NOTIFIER, found by ConsultationRuntimeModule). `http`
 * (apps/gateway) needs no context at all: the services are reached over their REST APIs, and
 * queue positions come from customer-service (QueuePositionsOverLinkModule).
 */
@Module({})
export class GatewayModule {
  static forRoot(options: Partial<GatewayOptions> = {}): DynamicModule {
    const resolved = resolveGatewayOptions(options);
    const inProcess = resolved.edge.kind === 'in-process';
    return {
      module: GatewayModule,
      global: true,
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: resolved },
        {
          provide: GATEWAY_METRICS,
          inject: [ConnectionTracker, { token: METRICS_REGISTRY, optional: true }],
          useFactory: (connections: ConnectionTracker, registry?: Registry) =>
            createGatewayMetrics(registry ?? new Registry(), () => connections.countByChannel()),
        },
        ...edgeProviders(resolved.edge),
        ConnectionTracker,
        AckedEmitter,
        MembersCache,
        ClientEventHandlers,
        ClientEventRouter,
        PresenceNotifier,
        SwitchboardGateway,
        GatewayAnnouncement,
      ],
      exports: [
        GATEWAY_OPTIONS,
        EDGE_SERVICES,
        ConnectionTracker,
        AckedEmitter,
        ...(inProcess ? [QUEUE_POSITION_NOTIFIER] : []),
      ],
    };
  }
}

function edgeProviders(edge: GatewayEdgeOptions): Provider[] {
  if (edge.kind === 'http') {
    const timeoutMs = edge.timeoutMs ?? DEFAULT_EDGE_TIMEOUT_MS;
    return [
      {
        provide: HttpEdgeServices,
        useFactory: () =>
          new HttpEdgeServices({
            imUrl: edge.imUrl,
            customerServiceUrl: edge.customerServiceUrl,
            timeoutMs,
            ...(edge.maxSockets === undefined ? {} : { maxSockets: edge.maxSockets }),
          }),
      },
      { provide: EDGE_SERVICES, useExisting: HttpEdgeServices },
    ];
  }
  return [
    InProcessEdgeServices,
    { provide: EDGE_SERVICES, useExisting: InProcessEdgeServices },
    GatewayQueuePositionNotifier,
    { provide: QUEUE_POSITION_NOTIFIER, useExisting: GatewayQueuePositionNotifier },
  ];
}
