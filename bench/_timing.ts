/** Timing helpers shared by the benchmarks (a leading `_` keeps bench/index.ts from running it). */
import { median as ssMedian } from 'simple-statistics';

/** Milliseconds `fn` takes once. */
export function timeMs(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Median of the values. */
export function median(xs: readonly number[]): number {
  return ssMedian([...xs]);
}
