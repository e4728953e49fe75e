/**
 * Total cost of ownership of a database (or any service): self-managed on nodes, with the
 * engineer hours it takes to run, against the cloud-managed offering with its own (smaller) ops load.
 */
import { PricingError } from './errors';

/** A group of identical instances. */
export interface InstanceGroup {
  readonly hourly: number;
  readonly count: number;
}

/** One side of the comparison: compute, storage and the people time it needs each month. */
export interface TcoOption {
  readonly instances: readonly InstanceGroup[];
  /** GiB provisioned (all replicas counted). */
  readonly storageGiB: number;
  readonly storageGiBMonth: number;
  /** Engineer hours a month: patching, upgrades, backups and restores, failovers, on-call. */
  readonly opsHoursPerMonth: number;
  /** Loaded cost of one engineer hour. */
  readonly opsHourlyRate: number;
}

/** Monthly cost of one option. */
export interface TcoBreakdown {
  readonly compute: number;
  readonly storage: number;
  readonly ops: number;
  readonly total: number;
}

/** Both options side by side. */
export interface TcoComparison {
  readonly selfManaged: TcoBreakdown;
  readonly managed: TcoBreakdown;
  readonly cheaper: 'selfManaged' | 'managed' | 'equal';
  readonly monthlyDifference: number;
  /** Ops hours a month at which the self-managed option costs as much as the managed one (may be negative: never cheaper). */
  readonly breakEvenSelfManagedOpsHours: number;
}

function monthly(o: TcoOption, hours: number, side: string): TcoBreakdown {
  const bad: string[] = [];
  o.instances.forEach((g, i) => {
    if (!(g.hourly >= 0)) bad.push(`${side}.instances[${i}].hourly: ${g.hourly} is not allowed; it must be ≥ 0`);
    if (!(Number.isInteger(g.count) && g.count >= 0)) bad.push(`${side}.instances[${i}].count: ${g.count} is not allowed; it must be a whole number ≥ 0`);
  });
  for (const k of ['storageGiB', 'storageGiBMonth', 'opsHoursPerMonth', 'opsHourlyRate'] as const) {
    if (!(o[k] >= 0)) bad.push(`${side}.${k}: ${o[k]} is not allowed; it must be ≥ 0`);
  }
  if (bad.length) throw new PricingError(bad);
  const compute = o.instances.reduce((a, g) => a + g.hourly * g.count * hours, 0);
  const storage = o.storageGiB * o.storageGiBMonth;
  const ops = o.opsHoursPerMonth * o.opsHourlyRate;
  return { compute, storage, ops, total: compute + storage + ops };
}

/** Compares self-managed (nodes + ops hours) with cloud-managed TCO per month. */
export function selfManagedVsManaged(selfManaged: TcoOption, managed: TcoOption, hoursPerMonth = 730): TcoComparison {
  const s = monthly(selfManaged, hoursPerMonth, 'selfManaged');
  const m = monthly(managed, hoursPerMonth, 'managed');
  const diff = s.total - m.total;
  return {
    selfManaged: s,
    managed: m,
    cheaper: Math.abs(diff) < 1e-9 ? 'equal' : diff > 0 ? 'managed' : 'selfManaged',
    monthlyDifference: Math.abs(diff),
    breakEvenSelfManagedOpsHours: selfManaged.opsHourlyRate > 0 ? (m.total - s.compute - s.storage) / selfManaged.opsHourlyRate : Number.NaN,
  };
}
