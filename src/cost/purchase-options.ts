/**
 * How the way capacity is bought changes its price: a 1-year reservation against on-demand at a
 * given utilization, and spot against on-demand for a batch job that loses work on interruption.
 */
import { PricingError } from './errors';

function requireNonNegative(fields: Record<string, number>): void {
  const bad = Object.entries(fields).filter(([, v]) => !Number.isFinite(v) || v < 0);
  if (bad.length) throw new PricingError(bad.map(([k, v]) => `${k}: ${String(v)} is not allowed; it must be a finite number ≥ 0`));
}

/** Inputs of a reserved-vs-on-demand comparison for one instance. */
export interface ReservedVsOnDemandInput {
  readonly onDemandHourly: number;
  /** Effective hourly rate of the reservation, paid for every hour of the month whether used or not. */
  readonly reservedHourly: number;
  /** Hours a month the instance actually runs. */
  readonly hoursUsedPerMonth: number;
  /** @default 730 */
  readonly hoursPerMonth?: number;
}

/** Monthly cost of each option and the utilization at which they cost the same. */
export interface ReservedVsOnDemand {
  readonly onDemandMonthly: number;
  readonly reservedMonthly: number;
  readonly cheaper: 'onDemand' | 'reserved' | 'equal';
  /** reservedMonthly − onDemandMonthly saved by the cheaper option (≥ 0). */
  readonly monthlySaving: number;
  /** Fraction of the month (0..1) the instance must run for the reservation to pay off. */
  readonly breakEvenUtilization: number;
}

/** Compares a 1-year reservation with on-demand for an instance used `hoursUsedPerMonth`. */
export function reservedVsOnDemand(input: ReservedVsOnDemandInput): ReservedVsOnDemand {
  const hours = input.hoursPerMonth ?? 730;
  requireNonNegative({ onDemandHourly: input.onDemandHourly, reservedHourly: input.reservedHourly, hoursUsedPerMonth: input.hoursUsedPerMonth });
  if (input.hoursUsedPerMonth > hours) {
    throw new PricingError([`hoursUsedPerMonth: ${input.hoursUsedPerMonth} is too big; it must be ≤ ${hours} (hours in the month)`]);
  }
  if (input.onDemandHourly <= 0) throw new PricingError([`onDemandHourly: ${input.onDemandHourly} is not allowed; it must be > 0`]);
  const onDemandMonthly = input.onDemandHourly * input.hoursUsedPerMonth;
  const reservedMonthly = input.reservedHourly * hours;
  const diff = onDemandMonthly - reservedMonthly;
  return {
    onDemandMonthly,
    reservedMonthly,
    cheaper: Math.abs(diff) < 1e-12 ? 'equal' : diff > 0 ? 'reserved' : 'onDemand',
    monthlySaving: Math.abs(diff),
    breakEvenUtilization: input.reservedHourly / input.onDemandHourly,
  };
}

/** Inputs of a spot-vs-on-demand comparison for a batch job. */
export interface SpotBatchInput {
  /** Hours of work the job needs without interruptions. */
  readonly jobHours: number;
  readonly onDemandHourly: number;
  readonly spotHourly: number;
  /** Expected interruptions per running hour on spot (e.g. 0.05 = one every 20 h). */
  readonly interruptionsPerHour: number;
  /** Work lost plus restart time per interruption, in hours (about half the checkpoint interval + restart). */
  readonly hoursLostPerInterruption: number;
}

/** Expected cost of the batch on each option. */
export interface SpotBatchComparison {
  readonly onDemandCost: number;
  /** Expected running hours on spot: jobHours / (1 − interruptionsPerHour × hoursLostPerInterruption). */
  readonly spotHours: number;
  readonly spotCost: number;
  /** spotHours / jobHours. */
  readonly overheadFactor: number;
  readonly cheaper: 'onDemand' | 'spot' | 'equal';
  /** The spot hourly price at which both cost the same. */
  readonly breakEvenSpotHourly: number;
}

/**
 * Compares spot and on-demand for a batch job. Each running hour on spot suffers `interruptionsPerHour`
 * interruptions that each waste `hoursLostPerInterruption`, so total hours T satisfy T = jobHours + λ·T·lost.
 */
export function spotVsOnDemandBatch(input: SpotBatchInput): SpotBatchComparison {
  requireNonNegative({ ...input });
  const waste = input.interruptionsPerHour * input.hoursLostPerInterruption;
  if (waste >= 1) {
    throw new PricingError([
      `interruptionsPerHour × hoursLostPerInterruption: ${waste} is too big; it must be < 1, or the job never finishes on spot`,
    ]);
  }
  const spotHours = input.jobHours / (1 - waste);
  const onDemandCost = input.jobHours * input.onDemandHourly;
  const spotCost = spotHours * input.spotHourly;
  const diff = onDemandCost - spotCost;
  return {
    onDemandCost,
    spotHours,
    spotCost,
    overheadFactor: input.jobHours > 0 ? spotHours / input.jobHours : 1,
    cheaper: Math.abs(diff) < 1e-12 ? 'equal' : diff > 0 ? 'spot' : 'onDemand',
    breakEvenSpotHourly: input.onDemandHourly * (1 - waste),
  };
}
