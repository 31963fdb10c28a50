import type { RestClient } from '@switchboard/client';
import { useMemo, useState } from 'preact/hooks';
import { formatBucket } from './format';
import { MetricChart } from './metric-chart.view';
import { browserTimeZone, type MetricsRange, metricsQuery, presetRange } from './metrics-range';
import { MetricsRangeForm } from './metrics-range.view';
import { CHARTS, headlines } from './metrics.model';
import { usePolling } from './polling.hook';
import type { MetricsReport } from './supervisor.types';

/** The figures only change as the data service follows the log: a minute is fresh enough. */
const METRICS_REFRESH_MS = 60_000;

/** Data-service metrics over a chosen range: headline totals, then one chart per metric. */
export function MetricsView({ api }: { api: RestClient }) {
  const [range, setRange] = useState<MetricsRange>(() => presetRange('7d', browserTimeZone()));
  const invalid = range.from > range.to ? 'The first day must not be after the last.' : undefined;
  // The query is made at each load: a range that reaches today ends at the current minute.
  const polled = usePolling(
    async () =>
      invalid === undefined
        ? api.call<MetricsReport>('GET', `/v1/metrics?${metricsQuery(range)}`)
        : { query: { from: '', to: '', bucket: range.bucket }, rows: [] },
    METRICS_REFRESH_MS,
    JSON.stringify(range),
  );
  const rows = useMemo(() => polled.data?.rows ?? [], [polled.data]);
  const labels = useMemo(
    () => rows.map((r) => formatBucket(r.bucketStart, range.bucket, range.timeZone)),
    [rows, range.bucket, range.timeZone],
  );

  return (
    <section class="panel metrics" aria-labelledby="metrics-title" aria-busy={!polled.data}>
      <header class="panel-head">
        <h2 id="metrics-title">Metrics</h2>
        <button type="button" class="secondary" onClick={polled.refresh}>
          Refresh
        </button>
      </header>
      <MetricsRangeForm range={range} onChange={setRange} />
      {(invalid ?? polled.error) !== undefined && (
        <p role="alert" class="error">
          {invalid ?? `Metrics could not be loaded: ${polled.error}`}
        </p>
      )}
      <section aria-labelledby="totals-title">
        <h3 id="totals-title" class="visually-hidden">
          Totals for the range
        </h3>
        <dl class="headlines">
          {headlines(rows).map((h) => (
            <div key={h.label} class="headline">
              <dt>{h.label}</dt>
              <dd data-headline={h.label}>{polled.data ? h.value : '…'}</dd>
              {h.note !== undefined && <dd class="hint">{h.note}</dd>}
            </div>
          ))}
        </dl>
      </section>
      <div class="charts">
        {CHARTS.map((spec) => (
          <MetricChart key={spec.id} spec={spec} rows={rows} labels={labels} />
        ))}
      </div>
    </section>
  );
}
