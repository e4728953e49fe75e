/**
 * The pricing data: loaded and validated with zod; every figure has a source and a date; bad input
 * names the key, the value and what is allowed. The OpenCost defaults are those of
 * opencost/opencost configs/default.json (also listed on https://opencost.io/docs/configuration/on-prem).
 */
import rawCatalog from '../src/cost/pricing-data.json';
import { PricingError } from '../src/cost/errors';
import {
  managedDatabasePricing,
  nodeHourly,
  nodePricing,
  parsePricingCatalog,
  pricingCatalog,
  serverlessPricing,
  storageGiBMonth,
  unitRates,
} from '../src/cost/pricing';

const clone = (): Record<string, any> => JSON.parse(JSON.stringify(rawCatalog));

describe('pricing catalog', () => {
  it('holds OpenCost’s shipped on-prem defaults (configs/default.json)', () => {
    const r = unitRates('opencost-default');
    expect(r).toMatchObject({
      cpuCoreHour: 0.031611,
      spotCpuCoreHour: 0.006655,
      ramGiBHour: 0.004237,
      spotRamGiBHour: 0.000892,
      gpuHour: 0.95,
      storageGiBHour: 0.00005479452,
      internetEgressGB: 0.12,
      name: 'opencost-default',
    });
    // storage: 0.00005479452 $/GiB-h × 730 h = $0.04/GiB-month (OpenCost's own derivation)
    expect(r.storageGiBHour * 730).toBeCloseTo(0.04, 8);
  });

  it('gives every price a https source, a recorded date and a confidence', () => {
    const c = pricingCatalog();
    const entries: Array<{ source: string; recordedOn: string; confidence: string }> = [
      ...Object.values(c.unitRates),
      ...Object.values(c.nodes).flatMap((n) => [n.onDemand, n.reserved1y, n.spot].filter((x) => x !== undefined)),
      ...Object.values(c.managedDatabases).flatMap((d) => [d.onDemand, d.storageGiBMonth]),
      ...Object.values(c.serverless),
      ...Object.values(c.storage),
      ...Object.values(c.transfer),
    ];
    expect(entries.length).toBeGreaterThan(30);
    for (const e of entries) {
      expect(e.source).toMatch(/^https:\/\//);
      expect(e.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['cross-checked', 'unverified']).toContain(e.confidence);
    }
  });

  it('has on-demand, reserved and spot prices for the experiments’ node types', () => {
    for (const t of ['m6i.large', 'm6i.xlarge', 'c6i.xlarge', 'm7g.large', 'Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_F4s_v2']) {
      const n = nodePricing(t);
      expect(n.reserved1y!.usdPerHour).toBeLessThan(n.onDemand.usdPerHour);
      expect(n.spot!.usdPerHour).toBeLessThan(n.onDemand.usdPerHour);
    }
    expect(nodeHourly('m6i.large')).toBe(0.096);
    expect(nodeHourly('c6i.xlarge')).toBe(0.17);
    expect(nodeHourly('m7g.large')).toBe(0.0816);
    expect(nodeHourly('Standard_D4s_v5')).toBe(0.192);
    expect(nodePricing('m7g.large').arch).toBe('arm64');
    expect(managedDatabasePricing('aws-rds-postgres-db.m6g.large').region).toBe('us-east-1');
    expect(serverlessPricing('aws-lambda-x86')).toMatchObject({ perMillionRequests: 0.2, perGbSecond: 0.0000166667 });
    expect(storageGiBMonth('aws-ebs-gp3')).toBe(0.08);
  });

  it('rejects an unknown node type, listing the known ones', () => {
    expect(() => nodeHourly('m6i.lage')).toThrow(PricingError);
    expect(() => nodeHourly('m6i.lage')).toThrow(/unknown node type "m6i.lage"; allowed: m6i.large, m6i.xlarge, c6i.xlarge, m7g.large, Standard_D2s_v5/);
    expect(() => unitRates('opencost-defualt')).toThrow(/unknown pricing "opencost-defualt"; allowed: opencost-default, opencost-base-fallback/);
  });

  it('rejects a negative rate at load, naming the key and the value', () => {
    const bad = clone();
    bad.nodes['m6i.large'].onDemand.usdPerHour = -0.1;
    expect(() => parsePricingCatalog(bad)).toThrow('pricing:nodes.m6i.large.onDemand.usdPerHour: -0.1 is too small; it must be ≥ 0');
  });

  it('rejects a missing source, a bad date and an unknown field, all at once', () => {
    const bad = clone();
    delete bad.unitRates['opencost-default'].source;
    bad.serverless['aws-lambda-x86'].recordedOn = '25/11/2026';
    bad.storage['aws-ebs-gp3'].usdPerGbMonth = 0.08;
    try {
      parsePricingCatalog(bad);
      throw new Error('expected a PricingError');
    } catch (err) {
      expect(err).toBeInstanceOf(PricingError);
      const problems = (err as PricingError).problems.join('\n');
      expect(problems).toContain('pricing:unitRates.opencost-default.source is required');
      expect(problems).toContain('pricing:serverless.aws-lambda-x86.recordedOn: "25/11/2026" is not valid');
      expect(problems).toContain('pricing:storage.aws-ebs-gp3.usdPerGbMonth is not a known key');
    }
  });

  it('validates caller-supplied unit rates', () => {
    const mine = { ...unitRates('opencost-default'), name: 'mine', cpuCoreHour: -1 };
    expect(() => unitRates(mine)).toThrow('pricing:unitRates.mine.cpuCoreHour: -1 is too small; it must be ≥ 0');
  });

  it('refuses a purchase option the data does not hold', () => {
    const c = parsePricingCatalog(clone());
    delete (c.nodes['m6i.large'] as { spot?: unknown }).spot;
    expect(() => nodeHourly('m6i.large', 'spot', c)).toThrow('node type m6i.large: no spot price recorded; allowed: onDemand, reserved1y');
  });
});
