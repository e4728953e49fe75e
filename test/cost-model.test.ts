/** The pricing model's functions, on hand-checked figures (the arithmetic is written next to each). */
import { PricingError } from '../src/cost/errors';
import { nodeHourly, serverlessPricing, unitRates } from '../src/cost/pricing';
import { reservedVsOnDemand, spotVsOnDemandBatch } from '../src/cost/purchase-options';
import { costOfResources, costPerGb, costPerMillion, storageCostPerMonth, transferCost } from '../src/cost/resource-cost';
import { alwaysOnMonthlyCost, serverlessBreakEvenRequests, serverlessMonthlyCost } from '../src/cost/serverless';
import { selfManagedVsManaged } from '../src/cost/tco';

const oc = unitRates('opencost-default');

describe('cost of resources', () => {
  it('prices CPU core-seconds, memory GiB-hours, storage GiB-months and GB transferred', () => {
    const c = costOfResources({ cpuCoreSeconds: 3600, memoryGiBHours: 6, storageGiBMonths: 10, gbTransferred: 5 }, oc);
    // 3600 core-s = 1 core-h × $0.031611 = $0.031611
    expect(c.breakdown.cpu).toBeCloseTo(0.031611, 10);
    // 2 GiB for 3 h = 6 GiB-h × $0.004237 = $0.025422
    expect(c.breakdown.memory).toBeCloseTo(0.025422, 10);
    // 10 GiB-month × 730 h × $0.00005479452/GiB-h = $0.399999996
    expect(c.breakdown.storage).toBeCloseTo(0.399999996, 9);
    // 5 GB × $0.12 = $0.60
    expect(c.breakdown.network).toBeCloseTo(0.6, 10);
    // 0.031611 + 0.025422 + 0.399999996 + 0.6 = 1.057032996
    expect(c.total).toBeCloseTo(1.057032996, 9);
  });

  it('uses spot rates when asked', () => {
    const c = costOfResources({ cpuCoreSeconds: 7200, memoryGiBHours: 10 }, oc, { spot: true });
    // 2 core-h × $0.006655 = $0.01331; 10 GiB-h × $0.000892 = $0.00892
    expect(c.breakdown.cpu).toBeCloseTo(0.01331, 10);
    expect(c.breakdown.memory).toBeCloseTo(0.00892, 10);
  });

  it('rejects negative or non-finite usage, naming the figure', () => {
    expect(() => costOfResources({ cpuCoreSeconds: -1 }, oc)).toThrow('cpuCoreSeconds: -1 is not allowed; it must be a finite number ≥ 0');
    expect(() => costOfResources({ memoryGiBHours: Number.NaN }, oc)).toThrow(PricingError);
  });

  it('gives cost per 1M operations and per GB', () => {
    // $0.05 / 250,000 requests × 1,000,000 = $0.20 per 1M
    expect(costPerMillion(0.05, 250_000)).toBeCloseTo(0.2, 12);
    expect(costPerMillion(0.05, 0)).toBeUndefined();
    // $1.20 for 10 GB = $0.12/GB
    expect(costPerGb(1.2, 10)).toBeCloseTo(0.12, 12);
    expect(costPerGb(1.2, 0)).toBeUndefined();
    // 100 GiB × $0.00005479452 × 730 = $3.99999996 per month
    expect(storageCostPerMonth(100, oc)).toBeCloseTo(3.99999996, 7);
    // 50 GB to another zone × $0.01 = $0.50; to the internet × $0.12 = $6.00
    expect(transferCost(50, oc, 'zone')).toBeCloseTo(0.5, 12);
    expect(transferCost(50, oc)).toBeCloseTo(6, 12);
  });
});

describe('reserved vs on-demand', () => {
  it('favours the reservation for an always-on m6i.large', () => {
    const r = reservedVsOnDemand({ onDemandHourly: nodeHourly('m6i.large'), reservedHourly: nodeHourly('m6i.large', 'reserved1y'), hoursUsedPerMonth: 730 });
    // on-demand: $0.096 × 730 h = $70.08; reserved: $0.0605 × 730 h = $44.165
    expect(r.onDemandMonthly).toBeCloseTo(70.08, 9);
    expect(r.reservedMonthly).toBeCloseTo(44.165, 9);
    expect(r.cheaper).toBe('reserved');
    // 70.08 − 44.165 = 25.915
    expect(r.monthlySaving).toBeCloseTo(25.915, 9);
    // break-even utilization = 0.0605 / 0.096 = 0.63020833…
    expect(r.breakEvenUtilization).toBeCloseTo(0.630208333, 8);
  });

  it('favours on-demand for an instance used 300 h a month', () => {
    const r = reservedVsOnDemand({ onDemandHourly: 0.096, reservedHourly: 0.0605, hoursUsedPerMonth: 300 });
    // on-demand $0.096 × 300 = $28.80 < reserved $44.165 → save $15.365
    expect(r.cheaper).toBe('onDemand');
    expect(r.monthlySaving).toBeCloseTo(15.365, 9);
  });

  it('rejects impossible hours', () => {
    expect(() => reservedVsOnDemand({ onDemandHourly: 0.096, reservedHourly: 0.0605, hoursUsedPerMonth: 800 })).toThrow(
      'hoursUsedPerMonth: 800 is too big; it must be ≤ 730 (hours in the month)',
    );
  });
});

describe('spot vs on-demand for a batch job', () => {
  it('counts the work lost to interruptions', () => {
    // c6i.xlarge: 10 h of work, one interruption per 20 h (λ = 0.05/h) losing 2 h each → waste λ·lost = 0.1
    const s = spotVsOnDemandBatch({ jobHours: 10, onDemandHourly: 0.17, spotHourly: 0.068, interruptionsPerHour: 0.05, hoursLostPerInterruption: 2 });
    // spot hours T = 10 / (1 − 0.1) = 11.1111 h; overhead 1.1111×
    expect(s.spotHours).toBeCloseTo(11.111111111, 8);
    expect(s.overheadFactor).toBeCloseTo(1.111111111, 8);
    // spot: 11.1111 h × $0.068 = $0.755556; on-demand: 10 h × $0.17 = $1.70
    expect(s.spotCost).toBeCloseTo(0.755555556, 8);
    expect(s.onDemandCost).toBeCloseTo(1.7, 12);
    expect(s.cheaper).toBe('spot');
    // break-even spot price = $0.17 × (1 − 0.1) = $0.153/h
    expect(s.breakEvenSpotHourly).toBeCloseTo(0.153, 12);
  });

  it('prefers on-demand when spot is barely cheaper and interruptions are costly', () => {
    // 11.1111 h × $0.16 = $1.7778 > $1.70
    const s = spotVsOnDemandBatch({ jobHours: 10, onDemandHourly: 0.17, spotHourly: 0.16, interruptionsPerHour: 0.05, hoursLostPerInterruption: 2 });
    expect(s.spotCost).toBeCloseTo(1.777777778, 8);
    expect(s.cheaper).toBe('onDemand');
  });

  it('rejects a job that can never finish on spot', () => {
    expect(() => spotVsOnDemandBatch({ jobHours: 1, onDemandHourly: 1, spotHourly: 0.3, interruptionsPerHour: 0.5, hoursLostPerInterruption: 2 })).toThrow(
      /must be < 1, or the job never finishes on spot/,
    );
  });
});

describe('self-managed vs managed TCO', () => {
  it('adds the ops hours to the node bill', () => {
    const t = selfManagedVsManaged(
      // 3 × m6i.large ($0.096/h) + 3 × 100 GiB gp3 ($0.08) + 10 ops h × $100
      { instances: [{ hourly: 0.096, count: 3 }], storageGiB: 300, storageGiBMonth: 0.08, opsHoursPerMonth: 10, opsHourlyRate: 100 },
      // RDS db.m6g.large Multi-AZ (2 × $0.159/h) + 200 GiB × $0.115 + 2 ops h × $100
      { instances: [{ hourly: 0.159, count: 2 }], storageGiB: 200, storageGiBMonth: 0.115, opsHoursPerMonth: 2, opsHourlyRate: 100 },
    );
    // self-managed: 0.096 × 3 × 730 = 210.24; 300 × 0.08 = 24; 10 × 100 = 1000 → 1234.24
    expect(t.selfManaged.compute).toBeCloseTo(210.24, 9);
    expect(t.selfManaged.storage).toBeCloseTo(24, 9);
    expect(t.selfManaged.total).toBeCloseTo(1234.24, 9);
    // managed: 0.159 × 2 × 730 = 232.14; 200 × 0.115 = 23; 2 × 100 = 200 → 455.14
    expect(t.managed.total).toBeCloseTo(455.14, 9);
    expect(t.cheaper).toBe('managed');
    // 1234.24 − 455.14 = 779.10
    expect(t.monthlyDifference).toBeCloseTo(779.1, 9);
    // self-managed matches at (455.14 − 210.24 − 24) / 100 = 2.209 ops hours
    expect(t.breakEvenSelfManagedOpsHours).toBeCloseTo(2.209, 9);
  });

  it('names the bad field', () => {
    expect(() =>
      selfManagedVsManaged(
        { instances: [{ hourly: 0.096, count: 1.5 }], storageGiB: 0, storageGiBMonth: 0, opsHoursPerMonth: 0, opsHourlyRate: 0 },
        { instances: [], storageGiB: 0, storageGiBMonth: 0, opsHoursPerMonth: -1, opsHourlyRate: 0 },
      ),
    ).toThrow(/selfManaged.instances\[0\].count: 1.5 is not allowed/);
  });
});

describe('serverless vs always-on', () => {
  const lambda = serverlessPricing('aws-lambda-x86');
  const profile = { avgDurationMs: 120, memoryMB: 512 };

  it('prices requests and GB-seconds', () => {
    const c = serverlessMonthlyCost(10_000_000, profile, lambda);
    // 0.12 s × 0.5 GB = 0.06 GB-s per call × 10M = 600,000 GB-s × $0.0000166667 = $10.00002
    expect(c.gbSeconds).toBeCloseTo(600_000, 6);
    expect(c.compute).toBeCloseTo(10.00002, 8);
    // 10M requests × $0.20 per 1M = $2.00
    expect(c.requests).toBeCloseTo(2, 12);
    expect(c.total).toBeCloseTo(12.00002, 8);
  });

  it('applies the free tier when asked', () => {
    const c = serverlessMonthlyCost(10_000_000, profile, lambda, true);
    // (10M − 1M) × $0.20/1M = $1.80; (600,000 − 400,000) GB-s × $0.0000166667 = $3.33334
    expect(c.requests).toBeCloseTo(1.8, 12);
    expect(c.compute).toBeCloseTo(3.33334, 8);
  });

  it('finds the break-even request volume against two always-on m6i.large', () => {
    const alwaysOn = alwaysOnMonthlyCost(nodeHourly('m6i.large'), 2);
    // 2 × $0.096 × 730 = $140.16
    expect(alwaysOn).toBeCloseTo(140.16, 9);
    // per request: $0.20/1M + 0.06 GB-s × $0.0000166667 = $0.0000002 + $0.000001000002 = $0.000001200002
    // break-even: $140.16 / $0.000001200002 = 116,799,805.3 requests/month
    const n = serverlessBreakEvenRequests(alwaysOn, profile, lambda);
    expect(Math.round(n)).toBe(116_799_805);
    // at that volume both cost the same
    expect(serverlessMonthlyCost(n, profile, lambda).total).toBeCloseTo(alwaysOn, 6);
  });
});
