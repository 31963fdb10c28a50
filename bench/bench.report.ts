import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** One measured figure. `value` is what ratios and targets use; the rest is context. */
export interface BenchFigure {
  readonly value: number;
  readonly unit: string;
  readonly [detail: string]: unknown;
}

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
}

/** What every scenario writes to `bench/results/<name>.json`. */
export interface BenchReport {
  readonly name: string;
  readonly results: Readonly<Record<string, BenchFigure>>;
  readonly baseline: Readonly<Record<string, BenchFigure>>;
  /** result / baseline, per comparison the targets name. */
  readonly ratio: Readonly<Record<string, number>>;
  /** Human-readable target per key of `pass`. */
  readonly target: Readonly<Record<string, string>>;
  readonly pass: Readonly<Record<string, boolean>>;
  readonly machine: MachineInfo;
}

/** A benchmark `npm run bench -- <name>` can run. It measures, then returns its report; the
 * runner writes the JSON and prints the pass/fail lines. */
export interface BenchScenario {
  readonly name: string;
  readonly description: string;
  /** Prints one summary line per figure, as it is measured. */
  run(log: (line: string) => void): Promise<BenchReport>;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
  };
}

export const RESULTS_DIR = join(__dirname, 'results');

export function writeReport(report: BenchReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${report.name}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** Thousands separators, no decimals: figures are rates. */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
