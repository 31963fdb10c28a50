import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BUS, type Bus } from '@switchboard/bus';
import { CLOCK, type Clock, METRICS_REGISTRY } from '@switchboard/platform';
import type { Registry } from 'prom-client';
import { computeMetrics } from '../domain/metrics';
import { MetricsController } from '../http/metrics.controller';
import { OrdersModule } from '../orders/orders.module';
import { DataProjector } from '../projection/data.projector';
import { FACT_STORE, type FactStore } from '../store/fact-store.port';
import { registerDataGauges } from './data.gauges';
import {
  COMPUTE_METRICS,
  DATA_OPTIONS,
  type DataModuleOptions,
  DEFAULT_SCRAPE_CACHE_MS,
  openFactStore,
} from './data.options';
import { DataRuntime } from './data.runtime';
import { MetricsService } from './metrics.service';

const DATA_GAUGES = Symbol('DataGauges');

/**
 * The data service: the read model (FACT_STORE, exported globally: the user module reads it),
 * the projector that fills it from the public topics (consumer group `data`), `GET /v1/metrics`
 * (+ CSV), today's figures as `switchboard_data_*` gauges on `/metrics`, and, unless
 * `orders: false`, `POST /v1/integrations/orders`.
 *
 * Needs from the app: PlatformModule (CLOCK, auth, validation, METRICS_REGISTRY), BUS when the
 * projector runs, and for the orders endpoint EVENT_STORE and `RelayModule.forRootAsync()`.
 * Import it after BusModule: its projector then stops before the bus closes.
 */
@Module({})
export class DataModule {
  static forRoot(options: DataModuleOptions): DynamicModule {
    return {
      module: DataModule,
      global: true,
      imports: options.orders === false ? [] : [OrdersModule],
      controllers: [MetricsController],
      providers: [
        { provide: DATA_OPTIONS, useValue: options },
        { provide: COMPUTE_METRICS, useValue: options.computeMetrics ?? computeMetrics },
        { provide: FACT_STORE, useFactory: () => openFactStore(options.store) },
        {
          provide: DataProjector,
          inject: [
            FACT_STORE,
            { token: BUS, optional: true },
            { token: ConfigService, optional: true },
          ],
          useFactory: (store: FactStore, bus?: Bus, config?: ConfigService) =>
            new DataProjector({
              store,
              bus,
              logger: projectorLogger(),
              durableOffsets: options.durableOffsets ?? config?.get<string>('BUS') !== 'memory',
            }),
        },
        MetricsService,
        DataRuntime,
        {
          provide: DATA_GAUGES,
          inject: [
            MetricsService,
            FACT_STORE,
            CLOCK,
            DataProjector,
            { token: METRICS_REGISTRY, optional: true },
          ],
          useFactory: (
            metrics: MetricsService,
            store: FactStore,
            clock: Clock,
            projector: DataProjector,
            registry?: Registry,
          ) => {
            if (registry === undefined) return false;
            registerDataGauges(registry, {
              report: (query) => metrics.report(query),
              store,
              clock,
              conversionWindowMs: options.conversionWindowMs,
              cacheMs: options.scrapeCacheMs ?? DEFAULT_SCRAPE_CACHE_MS,
              logger: new Logger('DataGauges'),
              ...(options.projector ? { projectorStats: () => projector.stats() } : {}),
            });
            return true;
          },
        },
      ],
      exports: [FACT_STORE, MetricsService],
    };
  }
}

function projectorLogger() {
  const nest = new Logger('DataProjector');
  const line = (message: string, context?: Readonly<Record<string, unknown>>) =>
    context === undefined ? message : `${message} ${JSON.stringify(context)}`;
  return {
    info: (message: string, context?: Readonly<Record<string, unknown>>) =>
      nest.log(line(message, context)),
    warn: (message: string, context?: Readonly<Record<string, unknown>>) =>
      nest.warn(line(message, context)),
    error: (message: string, context?: Readonly<Record<string, unknown>>) =>
      nest.error(line(message, context)),
  };
}
