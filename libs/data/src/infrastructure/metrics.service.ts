import { Inject, Injectable } from '@nestjs/common';
import type { ComputeMetrics, MetricsQuery, MetricsReport } from '../domain/metrics.types';
import { FACT_STORE, type FactStore } from '../store/fact-store.port';
import type { MetricsQuerySettings } from '../http/metrics-query';
import { COMPUTE_METRICS, DATA_OPTIONS, type DataModuleOptions } from './data.options';

/** The metrics over the module's read model: what the REST API and the gauges both read. */
@Injectable()
export class MetricsService {
  constructor(
    @Inject(FACT_STORE) private readonly store: FactStore,
    @Inject(COMPUTE_METRICS) private readonly compute: ComputeMetrics,
    @Inject(DATA_OPTIONS) private readonly options: DataModuleOptions,
  ) {}

  /** Server-side parts of every query: the conversion window and business hours. */
  get settings(): MetricsQuerySettings {
    const { conversionWindowMs, businessHours } = this.options;
    return businessHours === undefined
      ? { conversionWindowMs }
      : { conversionWindowMs, businessHours };
  }

  report(query: MetricsQuery): Promise<MetricsReport> {
    return this.compute(this.store, query);
  }
}
