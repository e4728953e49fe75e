/**
 * Cost of resources consumed, from unit rates: CPU core-seconds, memory GiB-hours, storage
 * GiB-months and GB transferred; plus the unit economics (cost per 1M operations, per GB).
 */
import { PricingError } from './errors';
import { UnitRates } from './pricing-schema';

/** Resources a run (or a period) consumed; absent figures count as zero. */
export interface ResourceTotals {
  readonly cpuCoreSeconds?: number;
  readonly memoryGiBHours?: number;
  readonly storageGiBMonths?: number;
  /** GB sent out to the internet. */
  readonly gbTransferred?: number;
}

/** Cost of resources, split by resource. */
export interface ResourceCost {
  readonly total: number;
  readonly breakdown: { readonly cpu: number; readonly memory: number; readonly storage: number; readonly network: number };
}

/** Which rate applies to CPU and memory. */
export interface ResourceCostOptions {
  /** Charge spot CPU and RAM rates. @default false */
  readonly spot?: boolean;
  /** Hours in a month, to turn GiB-months into GiB-hours. @default 730 */
  readonly hoursPerMonth?: number;
}

function checked(name: string, v: number | undefined): number {
  const x = v ?? 0;
  if (!Number.isFinite(x) || x < 0) throw new PricingError([`${name}: ${String(v)} is not allowed; it must be a finite number ≥ 0`]);
  return x;
}

/** Cost of `usage` at `rates`: CPU core-h × CPU rate, GiB-h × RAM rate, GiB-month × storage rate, GB × internet egress rate. */
export function costOfResources(usage: ResourceTotals, rates: UnitRates, opts: ResourceCostOptions = {}): ResourceCost {
  const coreHours = checked('cpuCoreSeconds', usage.cpuCoreSeconds) / 3600;
  const gibHours = checked('memoryGiBHours', usage.memoryGiBHours);
  const gibMonths = checked('storageGiBMonths', usage.storageGiBMonths);
  const gb = checked('gbTransferred', usage.gbTransferred);
  const hours = opts.hoursPerMonth ?? 730;
  const cpu = coreHours * (opts.spot ? rates.spotCpuCoreHour : rates.cpuCoreHour);
  const memory = gibHours * (opts.spot ? rates.spotRamGiBHour : rates.ramGiBHour);
  const storage = gibMonths * hours * rates.storageGiBHour;
  const network = gb * rates.internetEgressGB;
  return { total: cpu + memory + storage + network, breakdown: { cpu, memory, storage, network } };
}

/** Cost per 1M operations (requests, transactions, messages); undefined when nothing was counted. */
export function costPerMillion(totalCost: number, operations: number): number | undefined {
  return operations > 0 ? (totalCost / operations) * 1e6 : undefined;
}

/** Cost per GB (stored or transferred); undefined for zero GB. */
export function costPerGb(totalCost: number, gb: number): number | undefined {
  return gb > 0 ? totalCost / gb : undefined;
}

/** Cost of storing `gib` GiB for one month at `rates`. */
export function storageCostPerMonth(gib: number, rates: UnitRates, hoursPerMonth = 730): number {
  return checked('gib', gib) * rates.storageGiBHour * hoursPerMonth;
}

/** Cost of sending `gb` GB: `to` the internet (default), another zone or another region. */
export function transferCost(gb: number, rates: UnitRates, to: 'internet' | 'zone' | 'region' = 'internet'): number {
  const rate = to === 'zone' ? rates.zoneEgressGB : to === 'region' ? rates.regionEgressGB : rates.internetEgressGB;
  return checked('gb', gb) * rate;
}
