import { describe, expect, it } from 'vitest';
import { parseLoadArgs } from '../../scripts/load/load.args';
import {
  formatReport,
  histogram,
  mergeStats,
  percentile,
  progressBar,
  summarize,
} from '../../scripts/load/load.report';

describe('npm run load: arguments', () => {
  it('reads --name value and --name=value, with defaults for the rest', () => {
    const options = parseLoadArgs([
      '--url',
      'http://host:3000/x',
      '--customers=40',
      '--rate',
      '12.5',
    ]);
    expect(options).toEqual({
      url: 'http://host:3000',
      customers: 40,
      agents: 10,
      rate: 12.5,
      duration: 30,
      warmup: 3,
      domain: 'travel',
    });
  });

  it.each([
    [[], '--url is required'],
    [['--url', 'ftp://x'], 'http(s)'],
    [['--url', 'nope'], 'not a URL'],
    [['--url', 'http://x', '--rate', 'fast'], '--rate must be a number'],
    [['--url', 'http://x', '--customers', '0'], '--customers must be a number'],
    [['--url', 'http://x', '--customers', '2', '--agents', '3'], 'must not exceed'],
    [['--url', 'http://x', '--colour', 'red'], 'Unknown option --colour'],
    [['--url'], '--url needs a value'],
    [['http://x'], 'Unexpected argument'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseLoadArgs(argv)).toThrow(message);
  });
});

describe('npm run load: report', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(500);
    expect(percentile(sorted, 0.99)).toBe(990);
    expect(percentile(sorted, 0.999)).toBe(999);
    expect(percentile([], 0.5)).toBeNaN();
    expect(summarize([5, 1, 3])).toMatchObject({ count: 3, p50: 3, max: 5 });
  });

  it('buckets latencies, the last bucket open', () => {
    const buckets = histogram([0.5, 1, 1.5, 30, 9_000]);
    expect(buckets.find((b) => b.label === '≤ 1 ms')?.count).toBe(2);
    expect(buckets.find((b) => b.label === '≤ 2 ms')?.count).toBe(1);
    expect(buckets.find((b) => b.label === '≤ 50 ms')?.count).toBe(1);
    expect(buckets.at(-1)).toEqual({ label: '> 5000 ms', count: 1 });
  });

  it('merges generators and prints throughput, percentiles and errors by code', () => {
    const stats = mergeStats([
      { latenciesMs: [1, 2], sent: 3, delivered: 2, seconds: 2, errors: { TIMEOUT: 1 } },
      {
        latenciesMs: [4],
        sent: 2,
        delivered: 1,
        seconds: 1.5,
        errors: { TIMEOUT: 2, RATE_LIMITED: 1 },
      },
    ]);
    expect(stats).toMatchObject({ sent: 5, delivered: 3, seconds: 2 });
    const report = formatReport(stats);
    expect(report).toContain('5 sent, 3 delivered in 2.0 s (2 msgs/s delivered)');
    expect(report).toContain('p50 2.0 ms');
    expect(report).toContain('max 4.0 ms');
    expect(report).toContain('errors: TIMEOUT ×3, RATE_LIMITED ×1');
    expect(formatReport({ ...stats, errors: {} })).toContain('errors: none');
  });

  it('draws a one-line progress bar, clamped', () => {
    expect(progressBar(0.5, 10, 'half')).toBe('[#####.....]  50%  half');
    expect(progressBar(2, 4, '')).toBe('[####] 100%  ');
  });
});
