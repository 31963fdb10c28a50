import { hostname } from 'node:os';

/**
 * How the gateway reaches the messaging and consultation contexts (EDGE_SERVICES):
 * `in-process` through the CQRS buses (apps/switchboard), `http` through the im and
 * customer-service REST APIs with the caller's own token (a stateless apps/gateway).
 */
export type GatewayEdgeOptions =
  | { readonly kind: 'in-process' }
  | {
      readonly kind: 'http';
      /** im base URL (IM_URL). */
      readonly imUrl: string;
      /** customer-service base URL (CUSTOMER_SERVICE_URL). */
      readonly customerServiceUrl: string;
      /** Deadline of one service call (EDGE_TIMEOUT_MS); default 5000. */
      readonly timeoutMs?: number;
      /** Pooled keep-alive connections per service; default 256. */
      readonly maxSockets?: number;
    };

export const DEFAULT_EDGE_TIMEOUT_MS = 5000;

/** Tunables of one gateway instance (`GatewayModule.forRoot(options)`). */
export interface GatewayOptions {
  /** Instance id in the connection registry and on the gateway link (GATEWAY_ID). */
  readonly gatewayId: string;
  /** Address other services reach this gateway at, stored in registry rows (GATEWAY_SERVER_IP). */
  readonly serverIp?: string;
  /** How often every row of this gateway is refreshed in the registry (GATEWAY_HEARTBEAT_MS). */
  readonly heartbeatMs: number;
  /** First wait for a `message.new` ack (GATEWAY_ACK_TIMEOUT_MS); doubles on each retry. */
  readonly ackTimeoutMs: number;
  /** Longest wait between two attempts of one `message.new` (GATEWAY_ACK_MAX_BACKOFF_MS). */
  readonly ackMaxBackoffMs: number;
  /** Client events per second per socket, also the burst size (GATEWAY_RATE_LIMIT_PER_S). */
  readonly rateLimitPerSecond: number;
  /** How long a typing member list is reused before it is asked for again. */
  readonly membersCacheMs: number;
  /** How long `consultation.open` waits for the consultation's conversation to exist. */
  readonly openWaitMs: number;
  /** Take the client IP from the first `X-Forwarded-For` hop (behind a trusted proxy). */
  readonly trustProxy: boolean;
  /** URL clients reach this gateway at, announced for allocation (GATEWAY_PUBLIC_URL). */
  readonly publicUrl?: string;
  /** Allowed browser origins for socket.io's CORS (GATEWAY_CORS_ORIGIN, comma separated). */
  readonly corsOrigin?: string | readonly string[] | boolean;
  /** Where the contexts are (GATEWAY_EDGE); default in-process. */
  readonly edge: GatewayEdgeOptions;
}

/** DI token for the resolved GatewayOptions. */
export const GATEWAY_OPTIONS = Symbol('GatewayOptions');

export const DEFAULT_GATEWAY_OPTIONS: Omit<GatewayOptions, 'gatewayId'> = Object.freeze({
  heartbeatMs: 5 * 60 * 1000,
  ackTimeoutMs: 1000,
  ackMaxBackoffMs: 30_000,
  rateLimitPerSecond: 50,
  membersCacheMs: 5000,
  openWaitMs: 5000,
  trustProxy: false,
  edge: Object.freeze({ kind: 'in-process' }),
});

/** Defaults filled in; the id defaults to `gw-<hostname>-<pid>`, unique per process. */
export function resolveGatewayOptions(options: Partial<GatewayOptions> = {}): GatewayOptions {
  return {
    ...DEFAULT_GATEWAY_OPTIONS,
    gatewayId: `gw-${hostname()}-${process.pid}`,
    ...stripUndefined(options),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
