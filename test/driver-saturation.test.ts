/**
 * Saturated-driver detection: the driver's CPU samples decide the mark; a marked result carries
 * the warning in its notes and is flagged in the comparison tables.
 */
import { requireBuiltinProfile, resolveProfile } from '../src/load/resolve';
import { driverUsage, SATURATION_THRESHOLD } from '../src/local/driver-usage';
import { buildRunResult } from '../src/local/http-result';
import { MeasuredLoad } from '../src/local/measured-load';
import { localEnvironment } from '../src/results/environment';
import { SATURATION_WARNING } from '../src/results/driver-saturation';
import { comparisonTable, groupSummaryTable } from '../src/results/summary-table';
import { groupResults } from '../src/stats/groups';

const profile = resolveProfile(requireBuiltinProfile('smoke'), [{ name: 'json', method: 'GET', path: '/json', weight: 1, expectStatus: 200 }]);

function measured(samples: number[], cpuSeconds: number): MeasuredLoad {
  const latency = { count: 1000, min: 0.1, mean: 0.2, stddev: 0.05, p50: 0.2, p90: 0.3, p95: 0.3, p99: 0.4, p999: 0.5, max: 0.6 };
  return {
    startedAt: new Date('2026-12-06T20:00:00Z'),
    finishedAt: new Date('2026-12-06T20:00:10Z'),
    durationSeconds: 10,
    latency,
    throughput: { requestsPerSecond: 100_000, totalRequests: 1_000_000 },
    errors: { total: 0, rate: 0, byKind: {} },
    endpoints: [],
    aborted: false,
    driverCpu: { seconds: cpuSeconds, cores: 1, samples },
  };
}

const result = (variant: string, samples: number[], cpuSeconds: number) =>
  buildRunResult(measured(samples, cpuSeconds), {
    experiment: 'runtime',
    variant,
    target: 'local',
    profile,
    loadGenerator: { name: 'httpload', version: '1.0.0' },
    resources: [],
    environment: localEnvironment('local', {}),
  });

describe('driverUsage', () => {
  it('marks the driver saturated when its busiest 3 s reach the threshold of its cores', () => {
    const u = driverUsage({ seconds: 6, cores: 1, samples: [0.2, 0.9, 0.85, 0.82, 0.3] }, 10, 600_000);
    expect(u.busiestUtilization).toBeCloseTo((0.9 + 0.85 + 0.82) / 3, 3);
    expect(u.meanUtilization).toBeCloseTo(0.6, 3);
    expect(u.cpuMicrosPerRequest).toBe(10);
    expect(u.saturated).toBe(true);
  });

  it('does not mark a lone busy second, nor a driver below the threshold', () => {
    expect(driverUsage({ seconds: 4, cores: 1, samples: [0.3, 0.99, 0.3, 0.3, 0.3] }, 10, 1000).saturated).toBe(false);
    expect(driverUsage({ seconds: 7.9, cores: 1, samples: Array(10).fill(SATURATION_THRESHOLD - 0.01) }, 10, 1000).saturated).toBe(false);
  });

  it('scales by the cores the driver may use, and falls back to the run mean without samples', () => {
    expect(driverUsage({ seconds: 16, cores: 2, samples: [1.7, 1.7, 1.7] }, 10, 1).saturated).toBe(true);
    expect(driverUsage({ seconds: 16, cores: 2, samples: [1.5, 1.5, 1.5] }, 10, 1).saturated).toBe(false);
    expect(driverUsage({ seconds: 9, cores: 1, samples: [] }, 10, 1).busiestUtilization).toBeCloseTo(0.9, 3);
  });
});

describe('a saturated result', () => {
  const busy = result('go', [0.95, 0.97, 0.96, 0.95], 9.5);
  const calm = result('node', [0.4, 0.45, 0.42, 0.41], 4.2);

  it('carries the usage figures and the warning in its notes', () => {
    expect(busy.loadGeneratorUsage?.saturated).toBe(true);
    expect(busy.loadGeneratorUsage?.cpuMicrosPerRequest).toBe(9.5);
    expect(busy.notes.some((n) => n.startsWith(SATURATION_WARNING))).toBe(true);
    expect(calm.loadGeneratorUsage?.saturated).toBe(false);
    expect(calm.notes.some((n) => n.includes('saturated'))).toBe(false);
  });

  it('is flagged in the run table and the compare medians table, naming only it', () => {
    const table = comparisonTable([busy, calm]);
    expect(table).toMatch(/^go !\s/m);
    expect(table).toMatch(/^node\s/m);
    expect(table).toContain(`! ${SATURATION_WARNING}: go`);
    const groups = groupSummaryTable(groupResults([busy, calm]));
    expect(groups).toMatch(/^go !\s/m);
    expect(groups).toContain(`! ${SATURATION_WARNING}: go`);
    expect(comparisonTable([calm])).not.toContain(SATURATION_WARNING);
  });
});
