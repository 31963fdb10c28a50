import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Chart, SERIES_COLOURS } from './chart.setup';
import type { ChartSpec } from './metrics.model';
import type { MetricRow } from './supervisor.types';
import { ColumnHeads } from './table-parts.view';

/**
 * One metric as a chart and as a table of the same figures. A canvas says nothing to a screen
 * reader, so the table is always in the page: visually hidden until "Show table" is pressed.
 */
export function MetricChart({
  spec,
  rows,
  labels,
}: {
  spec: ChartSpec;
  rows: readonly MetricRow[];
  labels: readonly string[];
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  const [showTable, setShowTable] = useState(false);
  const titleId = `chart-${spec.id}-title`;
  const tableId = `chart-${spec.id}-table`;

  useEffect(() => {
    if (canvas.current === null) return;
    chart.current = new Chart(canvas.current, config(spec));
    return () => chart.current?.destroy();
  }, [spec]);

  useEffect(() => {
    const current = chart.current;
    if (current === undefined) return;
    current.data.labels = [...labels];
    spec.series.forEach((series, index) => {
      current.data.datasets[index]!.data = rows.map(series.value);
    });
    current.update();
  }, [spec, rows, labels]);

  return (
    <figure class="chart-card" aria-labelledby={titleId}>
      <figcaption>
        <h3 id={titleId}>{spec.title}</h3>
        <p class="hint">{spec.description}</p>
      </figcaption>
      <div class="chart-box">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${spec.title} chart; the same figures are in the table below`}
        />
      </div>
      <button
        type="button"
        class="secondary small"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable(!showTable)}
      >
        {showTable ? 'Hide table' : 'Show table'}
        <span class="visually-hidden"> of {spec.title}</span>
      </button>
      <table id={tableId} class={showTable ? 'grid' : 'grid visually-hidden'}>
        <caption>{spec.title} by period</caption>
        <ColumnHeads names={['Period', ...spec.columns.map((column) => column.header)]} />
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={spec.columns.length + 1}>No figures in this range</td>
            </tr>
          )}
          {rows.map((row, index) => (
            <tr key={row.bucketStart} data-bucket={row.bucketStart}>
              <th scope="row">{labels[index]}</th>
              {spec.columns.map((column) => (
                <td key={column.header} class="num">
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function config(spec: ChartSpec): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: [],
      datasets: spec.series.map((series, index) => ({
        type: series.kind,
        label: series.label,
        data: [],
        yAxisID: series.axis ?? 'y',
        backgroundColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
        borderColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
        spanGaps: true,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        // Points in the middle of their period, as the bars are.
        x: { offset: true },
        y: {
          beginAtZero: true,
          ...(spec.yMax === undefined ? {} : { suggestedMax: spec.yMax }),
          title: { display: true, text: spec.yTitle },
        },
        ...(spec.y1Title === undefined
          ? {}
          : {
              y1: {
                beginAtZero: true,
                position: 'right' as const,
                ...(spec.y1Max === undefined ? {} : { suggestedMax: spec.y1Max }),
                grid: { drawOnChartArea: false },
                title: { display: true, text: spec.y1Title },
              },
            }),
      },
    },
  };
}
