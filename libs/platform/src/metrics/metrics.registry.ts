import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * DI token for this application's prom-client `Registry`. Each app gets its own registry
 * (never prom-client's global one), so test apps in one process do not share or clash on
 * metric names. Modules register their metrics on it.
 */
export const METRICS_REGISTRY = Symbol('MetricsRegistry');

export interface HttpMetrics {
  readonly requests: Counter<'method' | 'route' | 'status_code'>;
  readonly duration: Histogram<'method' | 'route' | 'status_code'>;
}

export const HTTP_METRICS = Symbol('HttpMetrics');

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export function createHttpMetrics(registry: Registry): HttpMetrics {
  const labelNames = ['method', 'route', 'status_code'] as const;
  return {
    requests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served, by method, matched route and status code.',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, matched route and status code.',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
