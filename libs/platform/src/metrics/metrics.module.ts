import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import {
  createHttpMetrics,
  createMetricsRegistry,
  HTTP_METRICS,
  METRICS_REGISTRY,
} from './metrics.registry';

/** `/metrics` in Prometheus text format: default process metrics plus HTTP traffic. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
    {
      provide: HTTP_METRICS,
      inject: [METRICS_REGISTRY],
      useFactory: (registry: Registry) => createHttpMetrics(registry),
    },
    HttpMetricsMiddleware,
  ],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
