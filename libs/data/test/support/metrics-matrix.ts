import type { FactReader, MetricsReport } from '../../src/domain/metrics.types';
import { computeMetrics } from '../../src/domain/metrics';

const BUCKETS = ['day', 'hour'] as const;
const DIMENSIONS = ['all', 'agent', 'group', 'domain'] as const;

/** The figures a rebuild must reproduce: every bucket × dimension over the scripted days. */
export async function metricsMatrix(
  reader: FactReader,
  from: string,
  to: string,
): Promise<Record<string, MetricsReport>> {
  const out: Record<string, MetricsReport> = {};
  for (const bucket of BUCKETS) {
    for (const dimension of DIMENSIONS) {
      out[`${bucket}/${dimension}`] = await computeMetrics(reader, {
        from,
        to,
        bucket,
        dimension,
        conversionWindowMs: 24 * 60 * 60 * 1000,
        businessHours: {
          timeZone: 'Europe/Berlin',
          week: { 1: [['09:00', '18:00']], 2: [['09:00', '18:00']] },
        },
      });
    }
  }
  return out;
}
