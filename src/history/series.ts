/**
 * Histories of configurations: the stored runs of `experiment/variant` (optionally one label
 * and profile), split by configuration and workload, each with its p95, throughput and cost per
 * 1M over time, the change points of every series and the runs whose cost left its band.
 */
import { ChangePoint, ChangePointOptions, detectChangePoints } from '../stats/change-points';
import { CostAnomaly, CostAnomalyOptions, costAnomalies } from './cost-anomalies';
import { HistoryEntry } from './history-index';

/** Which runs a history shows. */
export interface HistorySelector {
  readonly experiment: string;
  readonly variant: string;
  /** Only runs with this label. @default every label */
  readonly label?: string;
  /** Only runs of this load profile. @default every profile */
  readonly profile?: string;
  /** Only the last N runs of each configuration. @default all */
  readonly last?: number;
}

/** Bad history input; the message names the value and what is allowed. */
export class HistoryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryInputError';
  }
}

/** Parses `experiment/variant`. */
export function parseSelector(s: string): { experiment: string; variant: string } {
  const m = /^([A-Za-z0-9._-]+)\/([A-Za-z0-9._-]+)$/.exec(s);
  if (!m) throw new HistoryInputError(`${JSON.stringify(s)} is not <experiment>/<variant> (e.g. runtime/go)`);
  return { experiment: m[1], variant: m[2] };
}

/** A figure the history follows. */
export interface HistoryMetric {
  readonly id: 'p95' | 'throughput' | 'costPerMillion';
  readonly label: string;
  of(e: HistoryEntry): number | undefined;
}

/** p95, throughput and cost per 1M, in display order. */
export const HISTORY_METRICS: readonly HistoryMetric[] = [
  { id: 'p95', label: 'p95 ms', of: (e) => e.p95Ms },
  { id: 'throughput', label: 'throughput /s', of: (e) => e.throughput },
  { id: 'costPerMillion', label: 'cost per 1M', of: (e) => e.costPerMillion },
];

/** A change point, with the run where the new level starts. */
export interface LocatedChangePoint extends ChangePoint {
  /** Position of that run in the configuration's runs. */
  readonly runIndex: number;
  readonly runId: string;
  readonly startedAt: string;
}

/** One figure over time. */
export interface HistorySeries {
  readonly metric: HistoryMetric['id'];
  readonly label: string;
  /** Positions (in the configuration's runs) of the runs that report the figure. */
  readonly runIndexes: number[];
  readonly values: number[];
  readonly changePoints: LocatedChangePoint[];
}

/** A run whose cost per 1M left its band, with the run named. */
export interface LocatedCostAnomaly extends CostAnomaly {
  readonly runIndex: number;
  readonly runId: string;
  readonly startedAt: string;
}

/** The history of one configuration and workload. */
export interface ConfigurationHistory {
  readonly configuration: string;
  readonly workload: string;
  readonly runs: HistoryEntry[];
  readonly series: HistorySeries[];
  readonly costAnomalies: LocatedCostAnomaly[];
  readonly currency?: string;
}

/** Options of `buildHistories`. */
export interface HistoryOptions {
  readonly changePoints?: ChangePointOptions;
  readonly costBand?: CostAnomalyOptions;
}

/** The history of one configuration's runs (oldest first). */
export function historyOf(runs: HistoryEntry[], opts: HistoryOptions = {}): ConfigurationHistory {
  const locate = (runIndex: number) => ({ runIndex, runId: runs[runIndex].id, startedAt: runs[runIndex].startedAt });
  const series: HistorySeries[] = [];
  for (const metric of HISTORY_METRICS) {
    const runIndexes: number[] = [];
    const values: number[] = [];
    runs.forEach((r, i) => {
      const v = metric.of(r);
      if (v !== undefined && Number.isFinite(v)) {
        runIndexes.push(i);
        values.push(v);
      }
    });
    if (!values.length) continue;
    const changePoints = detectChangePoints(values, opts.changePoints).map((c) => ({ ...c, ...locate(runIndexes[c.index]) }));
    series.push({ metric: metric.id, label: metric.label, runIndexes, values, changePoints });
  }
  const cost = series.find((s) => s.metric === 'costPerMillion');
  const anomalies = cost ? costAnomalies(cost.values, opts.costBand).map((a) => ({ ...a, ...locate(cost.runIndexes[a.index]) })) : [];
  return { configuration: runs[0].configuration, workload: runs[0].workload, runs, series, costAnomalies: anomalies, currency: runs.find((r) => r.currency)?.currency };
}

/** Entries of one configuration and workload, keyed `configuration workload`. */
export function byConfiguration(entries: readonly HistoryEntry[]): Map<string, HistoryEntry[]> {
  const out = new Map<string, HistoryEntry[]>();
  for (const e of entries) {
    const key = `${e.configuration} ${e.workload}`;
    const runs = out.get(key);
    if (runs) runs.push(e);
    else out.set(key, [e]);
  }
  return out;
}

/**
 * The histories the selector picks from `entries` (oldest first), one per configuration and
 * workload. Throws a HistoryInputError listing what is stored when nothing matches.
 */
export function buildHistories(entries: readonly HistoryEntry[], selector: HistorySelector, opts: HistoryOptions = {}): ConfigurationHistory[] {
  if (selector.last !== undefined && !(Number.isInteger(selector.last) && selector.last >= 2)) {
    throw new HistoryInputError(`--last ${selector.last}: expected a whole number ≥ 2`);
  }
  const picked = entries.filter(
    (e) => e.experiment === selector.experiment && e.variant === selector.variant && (selector.label === undefined || e.label === selector.label) && (selector.profile === undefined || e.profile === selector.profile),
  );
  if (!picked.length) {
    const stored = [...new Set(entries.map((e) => `${e.experiment}/${e.variant}`))].sort();
    const what = `${selector.experiment}/${selector.variant}${selector.label === undefined ? '' : ` label ${selector.label}`}${selector.profile === undefined ? '' : ` profile ${selector.profile}`}`;
    throw new HistoryInputError(`no stored runs of ${what}; stored: ${stored.length ? stored.join(', ') : '(none)'}`);
  }
  return [...byConfiguration(picked).values()].map((runs) => historyOf(selector.last ? runs.slice(-selector.last) : runs, opts));
}

/** The histories of the given configurations (`configuration` id and workload), those with ≥ 2 stored runs. */
export function historiesOf(configurations: readonly { readonly id: string; readonly workload: string }[], entries: readonly HistoryEntry[], opts: HistoryOptions = {}): ConfigurationHistory[] {
  const stored = byConfiguration(entries);
  return configurations.flatMap((c) => {
    const runs = stored.get(`${c.id} ${c.workload}`);
    return runs && runs.length >= 2 ? [historyOf(runs, opts)] : [];
  });
}
