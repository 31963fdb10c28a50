import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  CONNECTION_REGISTRY,
  type ConnectionRegistry,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import { DeliveryService } from '@switchboard/delivery/fan-out/delivery.service';
import {
  GATEWAY_LINK,
  type GatewayLink,
} from '@switchboard/delivery/gateway-link/gateway-link.port';
import { GatewayQueuePositionNotifier } from './gateway-queue-position.notifier';

/**
 * Queue positions where the router runs without a gateway (apps/customer-service): the waiting
 * customer's live sockets are looked up in the ConnectionRegistry and each gateway holding one
 * gets its sockets' `consultation.updated {id, state: 'pending', queuePosition}` over the
 * GatewayLink, as one GatewayDelivery without ack, the shape the dispatcher sends. It is the
 * delivery context's own targeted fan-out (DeliveryService), so the delivery rules apply as in
 * one process, and a customer with no live socket gets nothing (positions are never pushed).
 * The customer of a consultation is read in process (QueryBus): customer-service has the
 * consultation context.
 */
@Injectable()
export class LinkQueuePositionNotifier extends GatewayQueuePositionNotifier {
  constructor(
    queries: QueryBus,
    @Inject(CONNECTION_REGISTRY) registry: ConnectionRegistry,
    @Inject(GATEWAY_LINK) link: GatewayLink,
  ) {
    super(queries, new DeliveryService(registry, link));
  }
}
