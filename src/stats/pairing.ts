/**
 * What a result measured besides its variant — the database workload (pgbench-tpcb,
 * oltp-read-only, ...) or the messaging scenario (throughput, fanout, ...) — and the pairing
 * rules built on it: figures are only compared within one workload, never across (a
 * write-only TPS is not a worse read-only TPS), and pass/fail only between runs of the same
 * configuration.
 */
import { RunResult } from '../results/run-result';
import { ResultGroup } from './groups';

/**
 * The workload or scenario a result ran, or '' when its experiment has one kind of run.
 * Database results say it in a `workload <name>` note; messaging results in their label
 * (`[label:]<variant>:<scenario>`).
 */
export function workloadOf(r: RunResult): string {
  const note = r.notes.find((n) => /^workload \S+$/.test(n));
  if (note) return note.slice('workload '.length);
  if (r.experiment === 'messaging' && r.label) {
    const parts = r.label.split(':');
    const at = parts.lastIndexOf(r.variant);
    if (at >= 0 && at < parts.length - 1) return parts.slice(at + 1).join(':');
  }
  return '';
}

/** The workload of a group (of its first run; runs of one group share it). */
export function groupWorkload(g: ResultGroup): string {
  return workloadOf(g.results[0]);
}

/** Groups that ran the same workload, in the order the workloads first appear. */
export interface WorkloadPartition {
  /** The workload or scenario; '' when the experiment has one kind of run. */
  readonly workload: string;
  readonly groups: ResultGroup[];
}

/** Splits groups by workload, so that each partition's groups are like for like. */
export function partitionByWorkload(groups: readonly ResultGroup[]): WorkloadPartition[] {
  const out = new Map<string, ResultGroup[]>();
  for (const g of groups) {
    const w = groupWorkload(g);
    out.set(w, [...(out.get(w) ?? []), g]);
  }
  return [...out].map(([workload, gs]) => ({ workload, groups: gs }));
}

/**
 * Whether two groups are the same configuration — experiment, variant, profile and workload —
 * so that one may pass or fail against the other. A label (e.g. `baseline` / `candidate`) does
 * not make a different configuration.
 */
export function sameConfiguration(a: ResultGroup, b: ResultGroup): boolean {
  return a.key.experiment === b.key.experiment && a.key.variant === b.key.variant && a.key.profile === b.key.profile && groupWorkload(a) === groupWorkload(b);
}
