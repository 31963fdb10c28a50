import { beforeAll, expect, it } from 'vitest';
import type { MetricRow, MetricsReport } from '../../apps/web/src/supervisor/supervisor.types';
import { describeInBrowser } from './support/browser.suite';
import {
  chartTable,
  metricsLoaded,
  openSection,
  supervisorSession,
  tableRows,
} from './support/supervisor.page';
import { CHART_TITLES, expectedCells } from './support/supervisor.metrics';
import { eventually, freshId, servedAndClosed } from './support/supervisor.seed';
import { screenshot } from './support/web.app';

/** Buckets cut in a zone that is not the server's, to prove the browser's zone is used. */
const ZONE = 'Europe/Berlin';

const berlinDate = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: ZONE });

describeInBrowser(
  'supervisor view: metrics charts',
  (suite) => {
    const agentId = freshId('agent');

    const asked: URL[] = [];
    let seededAt: Date;

    /**
     * The page's last metrics query, checked against its form, then asked of the API directly.
     * `to` is the day after `To` (exclusive), or the current minute when the range reaches today.
     */
    async function apiAnswerForPage(): Promise<{ bucket: 'hour' | 'day'; rows: MetricRow[] }> {
      const { page } = view;
      const form = page.getByRole('form', { name: 'Metrics range' });
      const last = asked.at(-1)!;
      const params = Object.fromEntries(last.searchParams);
      const bucket = (await form.getByLabel('Bucket').inputValue()) as 'hour' | 'day';
      expect(await form.locator('[data-time-zone]').textContent()).toBe(ZONE);
      expect(params).toMatchObject({
        from: await form.getByLabel('From').inputValue(),
        bucket,
        timeZone: ZONE,
        dimension: 'all',
      });
      const to = await form.getByLabel('To').inputValue();
      if (/^\d{4}-\d{2}-\d{2}$/.test(params.to!)) {
        const end = new Date(`${to}T00:00:00Z`);
        end.setUTCDate(end.getUTCDate() + 1);
        expect(params.to).toBe(end.toISOString().slice(0, 10));
      } else {
        expect(Math.abs(Date.parse(params.to!) - Date.now())).toBeLessThan(120_000);
      }
      const report = await suite.app
        .api('supervisor-check', 'supervisor')
        .call<MetricsReport>('GET', `/v1/metrics${last.search}`);
      return { bucket, rows: [...report.rows] };
    }

    async function expectTablesMatchApi(): Promise<MetricRow[]> {
      const { page } = view;
      await metricsLoaded(page);
      const { bucket, rows } = await apiAnswerForPage();
      for (const title of CHART_TITLES) {
        expect(await tableRows(chartTable(page, title))).toEqual(
          rows.length === 0
            ? [['No figures in this range']]
            : rows.map((row) => expectedCells(row, bucket, ZONE)[title]),
        );
      }
      return rows;
    }

    beforeAll(async () => {
      const { app } = suite;
      await app.agent(agentId, { groups: [freshId('team')], capacity: 3 });
      await servedAndClosed(app, { agentId, customerId: freshId('customer'), score: 5 });
      await servedAndClosed(app, { agentId, customerId: freshId('customer'), score: 3 });
      seededAt = new Date();
    });
    const view = supervisorSession(suite, {
      userId: 'supervisor-1',
      timezoneId: ZONE,
      watch: (page) =>
        page.on('request', (request) => {
          const url = new URL(request.url());
          if (url.pathname === '/v1/metrics') asked.push(url);
        }),
    });

    it('charts carry tables with the figures GET /v1/metrics answers for the same range', async () => {
      const { page, errors } = view;
      // The data service follows the log asynchronously: wait until both ratings are counted.
      await openSection(page, 'Metrics');
      await metricsLoaded(page);
      await eventually(async () => {
        const { rows } = await apiAnswerForPage();
        expect(rows.reduce((sum, r) => sum + r.ratings, 0)).toBe(2);
      });
      await page.getByRole('button', { name: 'Refresh' }).click();
      const rows = await eventually(async () => {
        const shown = await expectTablesMatchApi();
        expect(shown.length).toBeGreaterThan(0);
        return shown;
      });
      const rated = rows.find((r) => r.ratings > 0)!;
      expect(rated).toMatchObject({ ratings: 2, csatAvg: 4, csatPositiveShare: 0.5 });
      expect(rows.some((r) => r.firstResponseAvgMs !== null && r.resolutionAvgMs !== null)).toBe(
        true,
      );

      const headline = (label: string) => page.locator(`[data-headline="${label}"]`).textContent();
      expect(await headline('CSAT')).toBe('4.00');
      expect(await headline('Ratings')).toBe('2');
      expect(await headline('Resolved')).toBe('2');
      expect(await headline('Opened')).toBe('2');

      // The table toggle shows the same table the screen reader always had.
      const toggle = page.getByRole('button', { name: /table of Customer satisfaction \(CSAT\)$/ });
      expect(await toggle.textContent()).toBe('Show table of Customer satisfaction (CSAT)');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await chartTable(page, 'Customer satisfaction (CSAT)').isVisible()).toBe(true);
      await screenshot(page, 'supervisor-metrics');
      expect(errors).toEqual([]);
    });

    it('a changed range asks the API again and shows its answer', async () => {
      const { page, errors } = view;
      await openSection(page, 'Metrics');
      const form = page.getByRole('form', { name: 'Metrics range' });

      // A past week: nothing happened then.
      // `To` first: until `From` follows, the range is backwards and nothing is asked.
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().includes('from=2026-01-05')),
        (async () => {
          await form.getByLabel('To').fill('2026-01-11');
          await form.getByLabel('From').fill('2026-01-05');
        })(),
      ]);
      expect(new URL(request.url()).searchParams.get('to')).toBe('2026-01-12');
      expect(await expectTablesMatchApi()).toEqual([]);
      expect(await tableRows(chartTable(page, 'Resolution time'))).toEqual([
        ['No figures in this range'],
      ]);
      expect(await page.locator('[data-headline="Resolved"]').textContent()).toBe('0');
      expect(await page.locator('[data-headline="CSAT"]').textContent()).toBe('—');

      // Today by the hour: the rating reappears, in an hourly bucket.
      await Promise.all([
        page.waitForRequest((r) => r.url().includes('bucket=hour')),
        form.getByRole('button', { name: 'Today' }).click(),
      ]);
      await expect
        .poll(() => form.getByRole('button', { name: 'Today' }).getAttribute('aria-pressed'))
        .toBe('true');
      const rows = await expectTablesMatchApi();
      // Seeded just before midnight in Berlin, the ratings belong to yesterday, not today.
      const seededToday = berlinDate(seededAt) === berlinDate(new Date());
      expect(rows.reduce((sum, r) => sum + r.ratings, 0)).toBe(seededToday ? 2 : 0);
      expect(errors).toEqual([]);
    });
  },
  // No metrics cache: a range asked again is computed again.
  { env: { DATA_METRICS_CACHE_MS: '0' } },
);
