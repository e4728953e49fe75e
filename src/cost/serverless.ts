/**
 * Serverless (per request + per GB-second, e.g. AWS Lambda) against always-on instances: the
 * monthly cost of each and the request volume at which they cost the same.
 */
import { PricingError } from './errors';
import { ServerlessPricing } from './pricing-schema';

/** How one invocation runs. */
export interface InvocationProfile {
  /** Mean billed duration of one invocation, in ms. */
  readonly avgDurationMs: number;
  /** Configured memory, in MB (billing uses MB / 1024 GB). */
  readonly memoryMB: number;
}

/** Monthly serverless cost, split into requests and compute. */
export interface ServerlessCost {
  readonly requests: number;
  readonly compute: number;
  readonly total: number;
  readonly gbSeconds: number;
}

type Rates = Pick<ServerlessPricing, 'perMillionRequests' | 'perGbSecond' | 'freeRequestsPerMonth' | 'freeGbSecondsPerMonth'>;

function checkProfile(p: InvocationProfile): void {
  const bad: string[] = [];
  if (!(p.avgDurationMs >= 0)) bad.push(`avgDurationMs: ${p.avgDurationMs} is not allowed; it must be ≥ 0`);
  if (!(p.memoryMB > 0)) bad.push(`memoryMB: ${p.memoryMB} is not allowed; it must be > 0`);
  if (bad.length) throw new PricingError(bad);
}

/** GB-seconds one invocation bills. */
export function gbSecondsPerInvocation(p: InvocationProfile): number {
  checkProfile(p);
  return (p.avgDurationMs / 1000) * (p.memoryMB / 1024);
}

/** Monthly cost of `requestsPerMonth` invocations; the free tier is applied only when `applyFreeTier` is set. */
export function serverlessMonthlyCost(requestsPerMonth: number, p: InvocationProfile, rates: Rates, applyFreeTier = false): ServerlessCost {
  if (!(requestsPerMonth >= 0)) throw new PricingError([`requestsPerMonth: ${requestsPerMonth} is not allowed; it must be ≥ 0`]);
  const gbSeconds = requestsPerMonth * gbSecondsPerInvocation(p);
  const billedRequests = applyFreeTier ? Math.max(0, requestsPerMonth - rates.freeRequestsPerMonth) : requestsPerMonth;
  const billedGbSeconds = applyFreeTier ? Math.max(0, gbSeconds - rates.freeGbSecondsPerMonth) : gbSeconds;
  const requests = (billedRequests / 1e6) * rates.perMillionRequests;
  const compute = billedGbSeconds * rates.perGbSecond;
  return { requests, compute, total: requests + compute, gbSeconds };
}

/** Monthly cost of `instances` always-on instances at `hourly`. */
export function alwaysOnMonthlyCost(hourly: number, instances = 1, hoursPerMonth = 730): number {
  if (!(hourly >= 0) || !(instances >= 0)) throw new PricingError([`hourly, instances: ${hourly}, ${instances} are not allowed; both must be ≥ 0`]);
  return hourly * instances * hoursPerMonth;
}

/**
 * Requests a month at which serverless costs as much as `alwaysOnMonthly` (free tier not applied,
 * so the figure is conservative for serverless). Above it, always-on is cheaper.
 */
export function serverlessBreakEvenRequests(alwaysOnMonthly: number, p: InvocationProfile, rates: Rates): number {
  const perRequest = rates.perMillionRequests / 1e6 + gbSecondsPerInvocation(p) * rates.perGbSecond;
  if (perRequest <= 0) return Number.POSITIVE_INFINITY;
  return alwaysOnMonthly / perRequest;
}
