/**
 * Recovery time after a failure, as a pure function of a throughput series: the steady state
 * is the median rate over the intervals wholly between the warm-up and the fault (a median, so
 * a start-up stall and its catch-up burst do not move it); throughput
 * has recovered at the start of the first run of `holdSamples` consecutive intervals whose
 * rate is within `tolerance` of it (both ways: a catch-up burst above the band is not yet
 * steady). An interval holds the rate between two samples; the one the fault falls in counts.
 */

/** A cumulative counter at time t (seconds). */
export interface CountPoint {
  readonly t: number;
  readonly count: number;
}

/** The rate over the interval (start, end]. */
export interface RatePoint {
  readonly start: number;
  readonly end: number;
  /** Per second. */
  readonly rate: number;
}

/** Options of the recovery calculation. */
export interface RecoveryOptions {
  /** Seconds (same clock as the series) at which the failure was injected. */
  readonly faultAt: number;
  /** Allowed relative deviation from the steady state. @default 0.1 */
  readonly tolerance?: number;
  /** Consecutive in-band intervals needed to call it recovered. @default 3 */
  readonly holdSamples?: number;
  /** Intervals starting before this are left out of the steady state. @default 1 */
  readonly warmupSeconds?: number;
}

/** What the calculation found. */
export interface Recovery {
  /** Median rate before the fault (per second). */
  readonly steadyState: number;
  /** Intervals the steady state was averaged over. */
  readonly steadyIntervals: number;
  /** Whether any interval after the fault left the band. */
  readonly disrupted: boolean;
  /** Lowest rate after the fault. */
  readonly minRate: number;
  /** Start of the first held in-band run after the fault; undefined when it never recovered. */
  readonly recoveredAt?: number;
  /** recoveredAt − faultAt (0 when nothing left the band); undefined when it never recovered. */
  readonly recoverySeconds?: number;
  /** Why there is no recovery time, when there is none. */
  readonly reason?: string;
}

/**
 * Rates between consecutive points. Intervals shorter than `minFraction` of the median
 * interval (the final, partial sample) are merged into the next or dropped at the end.
 */
export function ratesFromCumulative(points: readonly CountPoint[], minFraction = 0.5): RatePoint[] {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const widths = sorted.slice(1).map((p, i) => p.t - sorted[i].t).filter((w) => w > 0).sort((a, b) => a - b);
  if (widths.length === 0) return [];
  const median = widths[Math.floor(widths.length / 2)];
  const out: RatePoint[] = [];
  let from = sorted[0];
  for (const p of sorted.slice(1)) {
    const width = p.t - from.t;
    if (width < median * minFraction) continue;
    out.push({ start: from.t, end: p.t, rate: (p.count - from.count) / width });
    from = p;
  }
  return out;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Recovery of `series` after the fault at `opts.faultAt`. */
export function recoveryTime(series: readonly RatePoint[], opts: RecoveryOptions): Recovery {
  const tolerance = opts.tolerance ?? 0.1;
  const hold = opts.holdSamples ?? 3;
  const warmup = opts.warmupSeconds ?? 1;
  if (!(tolerance > 0 && tolerance < 1)) throw new Error(`recovery: tolerance ${tolerance} must be between 0 and 1`);
  if (!Number.isInteger(hold) || hold < 1) throw new Error(`recovery: holdSamples ${hold} must be a whole number ≥ 1`);
  const steady = series.filter((p) => p.start >= warmup && p.end <= opts.faultAt);
  const after = series.filter((p) => p.end > opts.faultAt);
  const minRate = after.length ? Math.min(...after.map((p) => p.rate)) : 0;
  if (steady.length === 0) {
    return { steadyState: 0, steadyIntervals: 0, disrupted: false, minRate, reason: `no interval between the warm-up (${warmup} s) and the fault (${opts.faultAt} s) to measure a steady state on` };
  }
  const steadyState = median(steady.map((p) => p.rate));
  const base = { steadyState, steadyIntervals: steady.length, minRate };
  if (steadyState <= 0) return { ...base, disrupted: false, reason: 'the steady state before the fault is 0 messages/s' };
  const inBand = (p: RatePoint): boolean => Math.abs(p.rate - steadyState) <= tolerance * steadyState;
  const disrupted = after.some((p) => !inBand(p));
  for (let j = 0; j + hold <= after.length; j++) {
    if (after.slice(j, j + hold).every(inBand)) {
      const recoveredAt = j === 0 ? opts.faultAt : after[j].start;
      return { ...base, disrupted, recoveredAt, recoverySeconds: Math.round((recoveredAt - opts.faultAt) * 1000) / 1000 };
    }
  }
  return {
    ...base,
    disrupted,
    reason: after.length < hold
      ? `only ${after.length} interval(s) after the fault; ${hold} in-band intervals are needed`
      : `throughput did not stay within ${Math.round(tolerance * 100)}% of ${steadyState.toFixed(1)}/s for ${hold} intervals before the run ended`,
  };
}
