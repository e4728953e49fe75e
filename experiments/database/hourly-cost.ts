/**
 * What a database variant costs per hour while it runs, reported beside TPS and the complexity
 * score: in-cluster variants price their pods' requests (instances × CPU and memory) and their
 * volumes at unit rates (OpenCost's defaults unless told otherwise); cloud variants use the
 * managed-database list price of their instance class from the pricing data, when it has one.
 * The operators' own pods are left out (they are shared by every database in the cluster).
 */
import { cpuCores, memoryBytes } from '../../src/config/quantities';
import { managedDatabasePricing, pricingCatalog, unitRates } from '../../src/cost/pricing';
import { DatabaseSettings } from './settings';

/** An hourly price and how it was made. */
export interface HourlyCost {
  /** USD per hour, or undefined when no price is known. */
  readonly usdPerHour?: number;
  /** Where the figure comes from (or why there is none). */
  readonly basis: string;
}

const GIB = 1024 ** 3;
const round = (n: number): number => Math.round(n * 10000) / 10000;

/** Key of a cloud variant's instance class in the pricing data's managedDatabases. */
export function managedDatabaseKey(s: DatabaseSettings): string | undefined {
  if (s.variant === 'rds') return `aws-rds-${s.engine}-${s.instanceClass}`;
  if (s.variant === 'azure-postgres') return `azure-postgres-flexible-${(s.instanceClass ?? '').replace(/^Standard_/, '')}`;
  return undefined;
}

/** The hourly cost of a database variant's settings. */
export function databaseHourlyCost(s: DatabaseSettings, pricing = 'opencost-default'): HourlyCost {
  const key = managedDatabaseKey(s);
  const storageGiB = memoryBytes(s.storageSize) / GIB;
  if (key) {
    if (!pricingCatalog().managedDatabases[key]) return { basis: `no list price for ${key} in src/cost/pricing-data.json` };
    const db = managedDatabasePricing(key);
    const perHour = db.onDemand.usdPerHour + (db.storageGiBMonth.usdPerGiBMonth * storageGiB) / 730;
    return { usdPerHour: round(perHour), basis: `${db.service} ${db.instanceClass} ${db.deployment} list price (${db.region}, recorded ${db.onDemand.recordedOn}) + ${storageGiB} GiB storage` };
  }
  const r = unitRates(pricing);
  const perHour = s.instances * (cpuCores(s.cpu) * r.cpuCoreHour + (memoryBytes(s.memory) / GIB) * r.ramGiBHour + storageGiB * r.storageGiBHour);
  return { usdPerHour: round(perHour), basis: `${s.instances} × (${s.cpu} CPU, ${s.memory}, ${s.storageSize}) requested, priced at ${r.name}` };
}
