/**
 * Cost anomalies: a run whose cost per 1M leaves the band of the runs before it. The band is
 * robust (stats/robust-band.ts: median ± k · 1.4826 · MAD of the previous `window` runs of the
 * same configuration), so an earlier spike does not widen it and hide the next one.
 */
import { RobustBand, robustBand } from '../stats/robust-band';

/** Options of `costAnomalies`. */
export interface CostAnomalyOptions {
  /** How many previous runs form the band. @default 10 */
  readonly window?: number;
  /** Fewest previous runs before a run can be flagged. @default 5 */
  readonly minHistory?: number;
  /** Band width in robust standard deviations. @default 5 */
  readonly k?: number;
}

/** One run outside its band. */
export interface CostAnomaly {
  /** Position of the run in the series given. */
  readonly index: number;
  readonly value: number;
  readonly band: RobustBand;
  readonly direction: 'above' | 'below';
  /** How many previous runs the band came from. */
  readonly historyRuns: number;
}

/** Flags every value outside the band of the values before it (at most `window` of them). */
export function costAnomalies(values: readonly number[], opts: CostAnomalyOptions = {}): CostAnomaly[] {
  const window = opts.window ?? 10;
  const minHistory = opts.minHistory ?? 5;
  if (!Number.isInteger(window) || window < 2) throw new Error(`band window ${window}: expected a whole number ≥ 2`);
  if (!Number.isInteger(minHistory) || minHistory < 2 || minHistory > window) throw new Error(`band minHistory ${minHistory}: expected a whole number between 2 and the window (${window})`);
  const out: CostAnomaly[] = [];
  for (let i = minHistory; i < values.length; i++) {
    const history = values.slice(Math.max(0, i - window), i);
    const band = robustBand(history, { k: opts.k });
    const v = values[i];
    if (v > band.high || v < band.low) out.push({ index: i, value: v, band, direction: v > band.high ? 'above' : 'below', historyRuns: history.length });
  }
  return out;
}
