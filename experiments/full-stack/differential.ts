/**
 * The differential method, the cross-check of the traced breakdown: a series of stacks that
 * differ by one layer each (app only → + gateway → + mesh → + observability; locally app →
 * + database → + messaging → + cache) is measured, and each step's latency minus the step
 * below it is the added layer's cost, with a bootstrap CI over the steps' repeated runs
 * (src/stats/median-difference.ts: median of the runs' figures, resampled independently).
 * One run per step gives the estimate with a collapsed interval; `--repeat` gives real CIs.
 */
import { BootstrapOptions } from '../../src/stats/bootstrap';
import { bootstrapMedianDifference } from '../../src/stats/median-difference';
import { RunResult } from '../../src/results/run-result';

/** One stack of a series: the layer it adds (or `base`) and its runs. */
export interface SeriesStep {
  readonly name: string;
  readonly results: readonly RunResult[];
}

/** Latency figure compared. `mean` adds up across layers; percentiles do not. */
export type LatencyFigure = 'mean' | 'p50' | 'p95' | 'p99';

/** One step minus the step below it. */
export interface LayerDifference {
  /** The step (the layer it adds). */
  readonly step: string;
  readonly previous: string;
  /** Runs of the previous step and of this one. */
  readonly runs: readonly [number, number];
  /** Difference of the figure's medians over runs, ms, with its CI. */
  readonly estimateMs: number;
  readonly lowMs: number;
  readonly highMs: number;
  /** Traced Δ: this step's mean traced request duration minus the previous step's, when both were traced. */
  readonly tracedDeltaMs?: number;
  /** The step's own layer as the traces of this step measure it (mean ms), when it is a traced layer. */
  readonly tracedLayerMs?: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function medianOf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function tracedTotal(results: readonly RunResult[]): number | undefined {
  const t = results.map((r) => r.layers?.totalMeanMs).filter((x): x is number => x !== undefined);
  return t.length ? medianOf(t) : undefined;
}

function tracedLayer(results: readonly RunResult[], layer: string): number | undefined {
  const t = results.map((r) => r.layers?.layers.find((l) => l.layer === layer)?.meanMs).filter((x): x is number => x !== undefined);
  return t.length ? medianOf(t) : undefined;
}

/** Each step minus the one below it, on `figure` (default mean latency); throws on a step without runs. */
export function differentialBreakdown(steps: readonly SeriesStep[], figure: LatencyFigure = 'mean', opts: BootstrapOptions = {}): LayerDifference[] {
  for (const s of steps) if (s.results.length === 0) throw new Error(`differentialBreakdown: step ${s.name} has no runs`);
  const out: LayerDifference[] = [];
  for (let i = 1; i < steps.length; i++) {
    const prev = steps[i - 1];
    const cur = steps[i];
    const ci = bootstrapMedianDifference(
      prev.results.map((r) => r.latency[figure]),
      cur.results.map((r) => r.latency[figure]),
      opts,
    );
    const a = tracedTotal(prev.results);
    const b = tracedTotal(cur.results);
    const own = tracedLayer(cur.results, cur.name);
    out.push({
      step: cur.name,
      previous: prev.name,
      runs: [prev.results.length, cur.results.length],
      estimateMs: round3(ci.estimate),
      lowMs: round3(ci.low),
      highMs: round3(ci.high),
      ...(a !== undefined && b !== undefined ? { tracedDeltaMs: round3(b - a) } : {}),
      ...(own !== undefined ? { tracedLayerMs: round3(own) } : {}),
    });
  }
  return out;
}
