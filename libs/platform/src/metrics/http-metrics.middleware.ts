import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_METRICS, type HttpMetrics } from './metrics.registry';

/**
 * Counts and times every request once its response is finished. The route label is the matched
 * route pattern (`/v1/consultations/:id`), never the raw URL, so label cardinality stays bounded;
 * unmatched paths share one label.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(HTTP_METRICS) private readonly metrics: HttpMetrics) {}

  use(req: RoutedRequest, res: ServerResponse, next: () => void): void {
    const stopTimer = this.metrics.duration.startTimer();
    res.once('finish', () => {
      const labels = {
        method: req.method ?? 'UNKNOWN',
        route: routeOf(req),
        status_code: String(res.statusCode),
      };
      this.metrics.requests.inc(labels);
      stopTimer(labels);
    });
    next();
  }
}

/** What Express adds to the request once a route matched (no @types/express here). */
type RoutedRequest = IncomingMessage & { readonly route?: unknown; readonly baseUrl?: string };

/**
 * Nest binds middleware as Express routes too, so `req.route` is the last route that matched:
 * a controller's pattern, or, when no controller matched, a middleware's catch-all.
 */
const CATCH_ALL = new Set(['/{*path}', '{*path}', '*', '/*']);

function routeOf(req: RoutedRequest): string {
  const route = req.route;
  if (route === null || typeof route !== 'object' || !('path' in route)) return 'unmatched';
  const path = String(route.path);
  return CATCH_ALL.has(path) ? 'unmatched' : `${req.baseUrl ?? ''}${path}`;
}
