import type { Fact } from './fact';

/** Code-unit order (never locale-dependent): ISO instants and ids compare as stored. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Time order within one subject: time, stream revision, then id (total, so deterministic). */
export function compareByTime(a: Fact, b: Fact): number {
  return compareText(a.at, b.at) || a.revision - b.revision || compareText(a.id, b.id);
}
