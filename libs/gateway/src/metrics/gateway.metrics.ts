import { Counter, Gauge, type Registry } from 'prom-client';

/** DI token for GatewayMetrics. */
export const GATEWAY_METRICS = Symbol('GatewayMetrics');

/** Counts taken by the gateway, registered on the app's registry (served at `/metrics`). */
export interface GatewayMetrics {
  readonly deliveries: Counter<'event'>;
  readonly retries: Counter<'event'>;
  readonly clientEvents: Counter<'outcome'>;
}

/**
 * `switchboard_gateway_sockets{channel}` is computed at scrape time from the live sockets, so
 * it can never drift from them; the counters are plain.
 */
export function createGatewayMetrics(
  registry: Registry,
  socketsByChannel: () => Readonly<Record<string, number>>,
): GatewayMetrics {
  new Gauge({
    name: 'switchboard_gateway_sockets',
    help: 'Sockets connected to this gateway, by channel (websocket, polling).',
    labelNames: ['channel'] as const,
    registers: [registry],
    collect(this: Gauge<'channel'>) {
      const counts = socketsByChannel();
      for (const channel of ['websocket', 'polling']) this.set({ channel }, counts[channel] ?? 0);
    },
  });
  return {
    deliveries: new Counter({
      name: 'switchboard_gateway_deliveries_total',
      help: 'Server events emitted to sockets (first attempts), by event.',
      labelNames: ['event'] as const,
      registers: [registry],
    }),
    retries: new Counter({
      name: 'switchboard_gateway_delivery_retries_total',
      help: 'Re-sends of acknowledged events whose ack did not come in time, by event.',
      labelNames: ['event'] as const,
      registers: [registry],
    }),
    clientEvents: new Counter({
      name: 'switchboard_gateway_client_events_total',
      help: 'Client events answered, by outcome (ok or the error code).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}
