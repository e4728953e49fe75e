/**
 * The shape of perflab's pricing data (src/cost/pricing-data.json), validated with zod when it is
 * loaded. Every price carries its source URL, the date it was recorded and how well it was checked,
 * because list prices move: they are figures recorded on a date, to be refreshed.
 */
import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-11-25');
const Rate = z.number().min(0);

/** Fields every priced entry carries: where the figure comes from and when it was recorded. */
export const ProvenanceShape = {
  source: z.url(),
  recordedOn: IsoDate,
  /** `cross-checked`: agreed by the provider's document or by several independent copies; `unverified`: to be checked before relying on it. */
  confidence: z.enum(['cross-checked', 'unverified']),
  note: z.string().optional(),
};

/** Per-resource rates (what OpenCost's custom pricing holds): used to model cost from CPU, memory, storage and traffic. */
export const UnitRatesSchema = z
  .object({
    description: z.string(),
    currency: z.literal('USD'),
    region: z.string(),
    cpuCoreHour: Rate,
    spotCpuCoreHour: Rate,
    ramGiBHour: Rate,
    spotRamGiBHour: Rate,
    gpuHour: Rate,
    storageGiBHour: Rate,
    zoneEgressGB: Rate,
    regionEgressGB: Rate,
    internetEgressGB: Rate,
    ...ProvenanceShape,
  })
  .strict();

/** One hourly price of a node or instance, with its provenance. */
export const HourlyPriceSchema = z.object({ usdPerHour: Rate, ...ProvenanceShape }).strict();

/** A VM size with its on-demand, 1-year reserved and spot prices. */
export const NodePricingSchema = z
  .object({
    provider: z.enum(['aws', 'azure', 'gcp', 'on-prem']),
    region: z.string(),
    os: z.literal('linux'),
    arch: z.enum(['x86_64', 'arm64']),
    vcpu: z.number().int().min(1),
    memoryGiB: z.number().positive(),
    onDemand: HourlyPriceSchema,
    reserved1y: HourlyPriceSchema.optional(),
    spot: HourlyPriceSchema.optional(),
  })
  .strict();

/** A cloud-managed database instance class with its compute and storage prices. */
export const ManagedDatabaseSchema = z
  .object({
    provider: z.enum(['aws', 'azure', 'gcp']),
    service: z.string(),
    instanceClass: z.string(),
    region: z.string(),
    deployment: z.string(),
    vcpu: z.number().int().min(1),
    memoryGiB: z.number().positive(),
    onDemand: HourlyPriceSchema,
    storageGiBMonth: z.object({ usdPerGiBMonth: Rate, ...ProvenanceShape }).strict(),
  })
  .strict();

/** A pay-per-request function platform (AWS Lambda, Azure Functions). */
export const ServerlessPricingSchema = z
  .object({
    provider: z.enum(['aws', 'azure', 'gcp']),
    region: z.string(),
    arch: z.enum(['x86_64', 'arm64']),
    perMillionRequests: Rate,
    perGbSecond: Rate,
    freeRequestsPerMonth: Rate,
    freeGbSecondsPerMonth: Rate,
    ...ProvenanceShape,
  })
  .strict();

/** The whole pricing catalog. */
export const PricingCatalogSchema = z
  .object({
    hoursPerMonth: z.number().positive(),
    unitRates: z.record(z.string(), UnitRatesSchema),
    nodes: z.record(z.string(), NodePricingSchema),
    managedDatabases: z.record(z.string(), ManagedDatabaseSchema),
    serverless: z.record(z.string(), ServerlessPricingSchema),
    storage: z.record(z.string(), z.object({ provider: z.string(), region: z.string(), usdPerGiBMonth: Rate, ...ProvenanceShape }).strict()),
    transfer: z.record(z.string(), z.object({ provider: z.string(), region: z.string(), usdPerGB: Rate, ...ProvenanceShape }).strict()),
  })
  .strict();

/** Per-resource rates of one named pricing. */
export type UnitRates = z.infer<typeof UnitRatesSchema>;
/** Prices of one VM size. */
export type NodePricing = z.infer<typeof NodePricingSchema>;
/** Prices of one managed database class. */
export type ManagedDatabasePricing = z.infer<typeof ManagedDatabaseSchema>;
/** Prices of one serverless platform. */
export type ServerlessPricing = z.infer<typeof ServerlessPricingSchema>;
/** The validated pricing catalog. */
export type PricingCatalog = z.infer<typeof PricingCatalogSchema>;
/** One unit-rate pricing together with its name (what RunResults record). */
export type NamedUnitRates = UnitRates & { readonly name: string };
/** How a node is bought. */
export type PurchaseOption = 'onDemand' | 'reserved1y' | 'spot';
