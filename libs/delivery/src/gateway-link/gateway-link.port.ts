/** Server → client socket events (DESIGN: public contracts v1). */
export type ServerEvent = 'message.new' | 'consultation.updated' | 'presence' | 'read' | 'typing';

/** One event for some sockets of one gateway. */
export interface GatewayDelivery {
  /** Socket ids on the receiving gateway. */
  readonly wsids: readonly string[];
  readonly event: ServerEvent;
  readonly payload: unknown;
  /** `message.new`: the gateway retries with backoff until the client acks or the socket closes. */
  readonly ack: boolean;
}

export type DeliveryHandler = (deliveries: readonly GatewayDelivery[]) => Promise<void> | void;

/**
 * Hands deliveries to one gateway instance. Adapters: in-process (embedded), Redis pub/sub
 * channel per instance (scale-out). Every adapter passes
 * `libs/delivery/test/contract/gateway-link.contract.ts`.
 */
export interface GatewayLink {
  /** Resolves once the gateway's link has the batch (not once clients have it). */
  deliver(gatewayId: string, deliveries: readonly GatewayDelivery[]): Promise<void>;
  /** Receives the deliveries for `gatewayId` until the returned function is called. */
  listen(gatewayId: string, handler: DeliveryHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const GATEWAY_LINK = Symbol('GatewayLink');
