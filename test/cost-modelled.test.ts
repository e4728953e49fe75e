/** Modelled cost on local results: measured CPU and memory × OpenCost's default rates. */
import { withModelledCost } from '../src/cost/modelled-cost';
import { unitRates } from '../src/cost/pricing';
import { RunResultSchema } from '../src/results/run-result';
import { pricedRun } from './fixtures/opencost/run';

const MiB = 1024 ** 2;

describe('withModelledCost', () => {
  it('prices a one-hour local run at opencost-default', () => {
    const run = pricedRun({
      durationSeconds: 3600,
      resources: [{ component: 'server', cpuCoreSeconds: 1800, memoryAvgBytes: 512 * MiB }],
      totalRequests: 3_600_000,
    });
    const priced = withModelledCost(run);
    const c = priced.cost!;
    expect(c.source).toBe('modelled');
    // CPU: 1800 core-s = 0.5 core-h × $0.031611 = $0.0158055
    expect(c.breakdown!.cpu).toBeCloseTo(0.0158055, 10);
    // memory: 512 MiB = 0.5 GiB for 1 h = 0.5 GiB-h × $0.004237 = $0.0021185
    expect(c.breakdown!.memory).toBeCloseTo(0.0021185, 10);
    // total: 0.0158055 + 0.0021185 = $0.017924
    expect(c.totalCost).toBeCloseTo(0.017924, 10);
    // per 1M requests: $0.017924 / 3.6M × 1M = $0.0049788…
    expect(c.costPerMillion).toBeCloseTo(0.017924 / 3.6, 12);
    expect(c.unit).toBe('requests');
    expect(c.pricing).toBe('opencost-default');
    expect(c.pricingDate).toBe(unitRates('opencost-default').recordedOn);
    expect(c.window).toEqual({ start: run.startedAt, end: run.finishedAt });
    expect(priced.notes.join('\n')).toMatch(/cost modelled \(no cost tool\).*usage, not requests, is priced/);
    // the original is untouched and the copy is a valid RunResult
    expect(run.cost).toBeUndefined();
    expect(() => RunResultSchema.parse(priced)).not.toThrow();
  });

  it('sums every component and quotes per 1M transactions when the run counts transactions', () => {
    const run = pricedRun({
      durationSeconds: 600,
      resources: [
        { component: 'postgres', cpuCoreSeconds: 900, memoryAvgBytes: 1024 * MiB },
        { component: 'pgbench', cpuCoreSeconds: 300, memoryAvgBytes: 256 * MiB },
      ],
      totalTransactions: 500_000,
      totalRequests: 500_000,
    });
    const c = withModelledCost(run, 'opencost-base-fallback').cost!;
    // CPU: (900 + 300) core-s = 1/3 core-h × $0.021811 = $0.00727033…
    expect(c.breakdown!.cpu).toBeCloseTo(0.021811 / 3, 12);
    // memory: (1 + 0.25) GiB × 600 s = 1.25 × 1/6 h = 0.208333 GiB-h × $0.002923 = $0.000608958…
    expect(c.breakdown!.memory).toBeCloseTo((1.25 / 6) * 0.002923, 12);
    expect(c.unit).toBe('transactions');
    expect(c.costPerMillion).toBeCloseTo((c.totalCost / 500_000) * 1e6, 12);
    expect(c.pricing).toBe('opencost-base-fallback');
  });

  it('accepts custom unit rates and an explicit unit', () => {
    const rates = { ...unitRates('opencost-default'), name: 'lab-hardware', cpuCoreHour: 0.01, ramGiBHour: 0.001 };
    const run = pricedRun({ durationSeconds: 3600, resources: [{ component: 'server', cpuCoreSeconds: 3600, memoryAvgBytes: 1024 * MiB }], totalRequests: 1000, totalMessages: 2000 });
    const c = withModelledCost(run, rates, { unit: 'requests' }).cost!;
    // 1 core-h × $0.01 + 1 GiB-h × $0.001 = $0.011; per 1M requests: 0.011 / 1000 × 1M = $11
    expect(c.totalCost).toBeCloseTo(0.011, 12);
    expect(c.costPerMillion).toBeCloseTo(11, 9);
    expect(c.pricing).toBe('lab-hardware');
  });

  it('leaves the cost out, with a note, when the run measured no resources', () => {
    const run = pricedRun({ durationSeconds: 60, resources: [], totalRequests: 10 });
    const priced = withModelledCost(run);
    expect(priced.cost).toBeUndefined();
    expect(priced.notes).toContain('cost not modelled: the run has no resource figures to price with opencost-default');
  });

  it('rejects an unknown pricing name', () => {
    const run = pricedRun({ durationSeconds: 60, resources: [{ component: 's', cpuCoreSeconds: 1, memoryAvgBytes: 1 }] });
    expect(() => withModelledCost(run, 'aws')).toThrow(/unknown pricing "aws"; allowed: opencost-default/);
  });
});
