/**
 * The shapes of a report (src/report/model.ts builds them; analysis and the renderers read them):
 * one configuration's view, a candidate compared with the reference, the options, the whole model.
 * Kept apart so that model.ts → analysis.ts is the only direction between the two.
 */
import { GateOutcome, GateVerdict } from '../gate/evaluate';
import { GateRules } from '../gate/rules';
import { LatencyHistogram } from '../results/histogram';
import { RunResult } from '../results/run-result';
import { ResultGroup } from '../stats/groups';
import { FigureSummary } from '../stats/summary';
import { RankedGroup } from '../stats/ranking';
import { CapacityProjection } from './capacity';
import { HistoryEntry } from '../history/history-index';
import { ConfigurationHistory, HistoryOptions } from '../history/series';
import { FoldedProfile } from '../profile/folded';

/** A report's verdict: the gate's, between a baseline and candidates of its configuration; RANKING otherwise. */
export type ReportVerdict = GateVerdict | 'RANKING';

/** One configuration as the report shows it. */
export interface GroupView {
  readonly name: string;
  readonly group: ResultGroup;
  readonly color: string;
  readonly figures: FigureSummary[];
  /** All runs' latencies in one histogram (µs), when every run kept one. */
  readonly histogram?: LatencyHistogram;
  /** Thresholds missed, one line per run and threshold. */
  readonly thresholdsMissed: string[];
  readonly errorsByKind: Record<string, number>;
}

/** A configuration of the report; gated only when the reference is the same configuration. */
export interface CandidateView {
  readonly view: GroupView;
  readonly gate?: GateOutcome;
}

/** The capacity projection of one configuration. */
export interface CapacityView {
  readonly groupName: string;
  readonly color: string;
  readonly podsMeasured: number;
  readonly projection: CapacityProjection;
}

/** Capacity options (from `--target-rps`, `--growth`, `--months`, ...). */
export interface CapacityOptions {
  /** Request rate at month 0. @default the measured throughput */
  readonly targetRps?: number;
  /** Monthly growth, fraction. @default 0.2 */
  readonly growthPerMonth?: number;
  /** @default 12 */
  readonly months?: number;
  /** @default 0.7 */
  readonly utilization?: number;
  /** Pods (server instances) the measured run had. @default 1 */
  readonly podsMeasured?: number;
}

/** Options of a report. */
export interface ReportOptions {
  readonly title?: string;
  readonly rules?: GateRules;
  readonly confidence?: number;
  readonly seed?: number;
  readonly capacity?: CapacityOptions;
  readonly now?: Date;
  /** Stored runs (src/history) to draw each configuration's history from. @default none: no history section */
  readonly history?: { readonly entries: readonly HistoryEntry[]; readonly options?: HistoryOptions };
}

/** One configuration's CPU profile: its runs' profiles merged, or why they have none. */
export interface ProfileView {
  readonly name: string;
  readonly color: string;
  /** The profiled runs' folded stacks added up (absent when no run has a recorded profile). */
  readonly profile?: FoldedProfile;
  /** e.g. `node --cpu-prof, 1000 µs interval, 4.1 s of load, 1 of 1 runs`. */
  readonly description: string;
  /** Why runs have no profile, one line per distinct reason. */
  readonly unavailable: readonly string[];
}

/** Everything the renderers print. */
export interface ReportModel {
  readonly title: string;
  readonly generatedAt: string;
  /** FAIL / PASS ... between a baseline and candidates of its configuration; RANKING otherwise. */
  readonly verdict: ReportVerdict;
  readonly verdictReasons: string[];
  readonly reference?: GroupView;
  readonly referenceSource?: string;
  readonly candidates: CandidateView[];
  /** A representative run (the first candidate's first) for configuration and environment. */
  readonly sample: RunResult;
  readonly confidence: number;
  /** Per workload with several configurations: the neutral ranking by median throughput. */
  readonly rankings: { readonly workload: string; readonly ranked: RankedGroup[] }[];
  /** One projection per configuration that has a throughput and a histogram. */
  readonly capacities: CapacityView[];
  /** Each configuration's stored history with change points and cost anomalies (with `history` only). */
  readonly histories: ConfigurationHistory[];
  readonly analysis: string[];
  readonly recommendations: string[];
  /** Per configuration with a `cpuProfile` on any run (set from the stored profiles, src/report/profile-views). @default none */
  readonly profiles?: readonly ProfileView[];
}

/** The median of a figure in a view, or undefined. */
export function figure(view: GroupView, id: FigureSummary['metric']['id']): FigureSummary | undefined {
  return view.figures.find((f) => f.metric.id === id);
}
