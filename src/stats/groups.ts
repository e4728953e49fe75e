/**
 * Repeats of one configuration: results are grouped by experiment, variant, label (when
 * present) and profile name. A group is what statistics, the gate and reports compare.
 */
import { RunResult } from '../results/run-result';

/** What makes two results repeats of one configuration. */
export interface GroupKey {
  readonly experiment: string;
  readonly variant: string;
  readonly label?: string;
  readonly profile: string;
}

/** Repeated runs of one configuration, in the order they were given. */
export interface ResultGroup {
  readonly key: GroupKey;
  /** `experiment/variant[label]/profile`, for messages and tables. */
  readonly id: string;
  readonly results: RunResult[];
}

/** The grouping key of a result. */
export function groupKeyOf(r: RunResult): GroupKey {
  return r.label === undefined
    ? { experiment: r.experiment, variant: r.variant, profile: r.profile.name }
    : { experiment: r.experiment, variant: r.variant, label: r.label, profile: r.profile.name };
}

/** A readable, unique id of a key: `experiment/variant[label]/profile`. */
export function groupIdOf(key: GroupKey): string {
  return `${key.experiment}/${key.variant}${key.label === undefined ? '' : `[${key.label}]`}/${key.profile}`;
}

/**
 * The short name of a group in tables: its variant; with a label, the label when it already
 * names the variant (`postgres/pgbench-tpcb`, `nats:throughput`), else `variant [label]` — a
 * label never hides which variant ran.
 */
export function groupName(g: ResultGroup): string {
  return displayName(g.key.variant, g.key.label);
}

/** `variant`, or the label when it names the variant as one of its `/`- or `:`-separated parts, else `variant [label]`. */
export function displayName(variant: string, label: string | undefined): string {
  if (label === undefined || label === variant) return variant;
  return label.split(/[/:]/).includes(variant) ? label : `${variant} [${label}]`;
}

/** Groups results by configuration, groups in order of first appearance, runs by start time. */
export function groupResults(results: readonly RunResult[]): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  for (const r of results) {
    const key = groupKeyOf(r);
    const id = groupIdOf(key);
    let g = groups.get(id);
    if (!g) {
      g = { key, id, results: [] };
      groups.set(id, g);
    }
    g.results.push(r);
  }
  for (const g of groups.values()) g.results.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return [...groups.values()];
}
