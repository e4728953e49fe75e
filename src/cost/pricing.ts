/**
 * Loads and looks up pricing: the catalog in pricing-data.json is validated with zod on first use,
 * and every lookup of an unknown name fails with a message that lists the known ones.
 */
import { describeIssue } from '../config/errors';
import rawCatalog from './pricing-data.json';
import { PricingError } from './errors';
import {
  ManagedDatabasePricing,
  NamedUnitRates,
  NodePricing,
  PricingCatalog,
  PricingCatalogSchema,
  PurchaseOption,
  ServerlessPricing,
  UnitRatesSchema,
} from './pricing-schema';

/** The name of the pricing local runs and `perflab plan` use unless told otherwise. */
export const DEFAULT_PRICING = 'opencost-default';

/** Validates a pricing catalog; throws a PricingError naming every bad key, its value and what is allowed. */
export function parsePricingCatalog(input: unknown): PricingCatalog {
  const r = PricingCatalogSchema.safeParse(input);
  if (r.success) return r.data;
  throw new PricingError(r.error.issues.map((i) => describeIssue(i, input, 'pricing:')));
}

let cached: PricingCatalog | undefined;

/** The built-in catalog (src/cost/pricing-data.json), validated once. */
export function pricingCatalog(): PricingCatalog {
  cached ??= parsePricingCatalog(rawCatalog);
  return cached;
}

function unknownName(kind: string, name: string, known: readonly string[]): PricingError {
  return new PricingError([`unknown ${kind} ${JSON.stringify(name)}; allowed: ${known.join(', ')}`]);
}

/** The unit rates named `name`, or the given rates validated; an unknown name or a bad rate is a PricingError. */
export function unitRates(pricing: string | NamedUnitRates = DEFAULT_PRICING, catalog: PricingCatalog = pricingCatalog()): NamedUnitRates {
  if (typeof pricing !== 'string') {
    const { name, ...rates } = pricing;
    const r = UnitRatesSchema.safeParse(rates);
    if (!r.success) throw new PricingError(r.error.issues.map((i) => describeIssue(i, rates, `pricing:unitRates.${name}`)));
    return { ...r.data, name };
  }
  const rates = catalog.unitRates[pricing];
  if (!rates) throw unknownName('pricing', pricing, Object.keys(catalog.unitRates));
  return { ...rates, name: pricing };
}

/** Prices of the VM size `nodeType` (e.g. `m6i.large`, `Standard_D2s_v5`). */
export function nodePricing(nodeType: string, catalog: PricingCatalog = pricingCatalog()): NodePricing {
  const node = catalog.nodes[nodeType];
  if (!node) throw unknownName('node type', nodeType, Object.keys(catalog.nodes));
  return node;
}

/** Hourly price of `nodeType` bought as `purchase`; a purchase option the data lacks is a PricingError. */
export function nodeHourly(nodeType: string, purchase: PurchaseOption = 'onDemand', catalog: PricingCatalog = pricingCatalog()): number {
  const node = nodePricing(nodeType, catalog);
  const price = node[purchase];
  if (!price) {
    const have = (['onDemand', 'reserved1y', 'spot'] as const).filter((p) => node[p] !== undefined);
    throw new PricingError([`node type ${nodeType}: no ${purchase} price recorded; allowed: ${have.join(', ')}`]);
  }
  return price.usdPerHour;
}

/** Prices of the managed database class `key` (e.g. `aws-rds-postgres-db.m6g.large`). */
export function managedDatabasePricing(key: string, catalog: PricingCatalog = pricingCatalog()): ManagedDatabasePricing {
  const db = catalog.managedDatabases[key];
  if (!db) throw unknownName('managed database', key, Object.keys(catalog.managedDatabases));
  return db;
}

/** Prices of the serverless platform `key` (e.g. `aws-lambda-x86`). */
export function serverlessPricing(key: string, catalog: PricingCatalog = pricingCatalog()): ServerlessPricing {
  const fn = catalog.serverless[key];
  if (!fn) throw unknownName('serverless platform', key, Object.keys(catalog.serverless));
  return fn;
}

/** Storage price per GiB-month of `key` (e.g. `aws-ebs-gp3`). */
export function storageGiBMonth(key: string, catalog: PricingCatalog = pricingCatalog()): number {
  const s = catalog.storage[key];
  if (!s) throw unknownName('storage class', key, Object.keys(catalog.storage));
  return s.usdPerGiBMonth;
}

/** Transfer price per GB of `key` (e.g. `aws-internet-egress`). */
export function transferPerGB(key: string, catalog: PricingCatalog = pricingCatalog()): number {
  const t = catalog.transfer[key];
  if (!t) throw unknownName('transfer kind', key, Object.keys(catalog.transfer));
  return t.usdPerGB;
}

/** Hours in the month every monthly figure uses (730, as AWS, Azure and OpenCost do). */
export function hoursPerMonth(catalog: PricingCatalog = pricingCatalog()): number {
  return catalog.hoursPerMonth;
}
