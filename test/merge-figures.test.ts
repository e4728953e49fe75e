/**
 * Merging the summaries of several k6-operator runners (src/cluster/merge-figures.ts). Each
 * runner is its own `k6 run` with its own end-of-test summary (grafana/k6 v1.3.0
 * docs/design/020-distributed-execution-and-test-suites.md: no aggregation outside k6 Cloud),
 * so perflab adds them up itself. Fixtures: test/fixtures/cluster/k6-summary-runner-{a,b}.json.
 */
import { mergeRunnerFigures } from '../src/cluster/merge-figures';
import { K6SummaryFigures, parseK6Summary } from '../src/results/k6-summary';
import { fixture } from './fixtures/cluster/fake-cluster';

type Summary = Record<string, any>;
const summary = (name: string): Summary => JSON.parse(fixture(name));
const figures = (s: Summary): K6SummaryFigures => parseK6Summary(s, 'fixture');
const withDropped = (s: Summary, count: number): Summary => {
  s.metrics.dropped_iterations = { type: 'counter', contains: 'default', values: { count, rate: count / 180 } };
  return s;
};

describe('mergeRunnerFigures: dropped iterations', () => {
  // Dropped iterations are requests the open model asked for and never sent
  // (grafana/k6 v1.3.0 lib/executor/ramping_arrival_rate.go): they add up across runners and count as errors.
  it('adds dropped iterations across runners into the errors and the error rate', () => {
    const merged = mergeRunnerFigures([figures(withDropped(summary('k6-summary-runner-a.json'), 500)), figures(withDropped(summary('k6-summary-runner-b.json'), 1500))]).figures;
    expect(merged.droppedIterations).toBe(2000);
    expect(merged.errors.byKind).toEqual({ http_failed: 10, dropped_iterations: 2000 });
    expect(merged.errors.total).toBe(2010);
    expect(merged.errors.rate).toBeCloseTo(2010 / (53000 + 2000), 12);
  });
});

describe('mergeRunnerFigures: latency', () => {
  const a = figures(summary('k6-summary-runner-a.json'));
  const b = figures(summary('k6-summary-runner-b.json'));

  // An average of percentiles is no percentile. The merged CDF is the count-weighted mix of the
  // runners' CDFs, so at the highest runner percentile it is already ≥ p, and below the lowest
  // it is < p: the merged percentile lies in [lowest, highest].
  it('reports each percentile as the [lowest, highest] range across runners, valued at the upper end', () => {
    const { figures: merged, approximation } = mergeRunnerFigures([a, b]);
    expect(merged.latency.percentileRanges).toEqual({ p50: [2.4, 2.4], p90: [6.2, 6.2], p95: [9.8, 12], p99: [18.4, 18.4], p999: [95.1, 95.1] });
    expect(merged.latency.p95).toBe(12);
    expect(merged.latency.p95).not.toBeCloseTo((9.8 * 27000 + 12 * 26000) / 53000, 3);
    expect(approximation).toContain('[lowest, highest] ranges across the runners');
  });

  it('keeps count, min, max and the count-weighted mean exact', () => {
    const merged = mergeRunnerFigures([a, b]).figures.latency;
    expect(merged.count).toBe(53000);
    expect(merged.min).toBe(0.18);
    expect(merged.max).toBe(250);
    expect(merged.mean).toBeCloseTo(3.1, 9);
  });

  // A runner that measured nothing reports all-zero trend values (count 0); counting it would
  // make the merged min 0 and drag the ranges down to 0.
  it('leaves runners that measured no request out of latency', () => {
    const idle = summary('k6-summary-runner-b.json');
    idle.metrics.http_req_duration.values = { avg: 0, min: 0, med: 0, max: 0, 'p(90)': 0, 'p(95)': 0, 'p(99)': 0, 'p(99.9)': 0, count: 0 };
    idle.metrics.http_reqs.values = { count: 0, rate: 0 };
    idle.metrics.http_req_failed.values = { rate: 0, passes: 0, fails: 0 };
    const merged = mergeRunnerFigures([a, figures(idle)]).figures;
    expect(merged.latency.min).toBe(0.21);
    expect(merged.latency.p50).toBe(2.4);
    expect(merged.latency).toEqual({ ...a.latency });
    expect(merged.throughput.totalRequests).toBe(27000);
  });

  // k6's trend summary stats are avg, min, med, max, count and p(N) (grafana/k6 v1.3.0
  // metrics/sample.go GetResolversForTrendColumns): there is no standard deviation to report.
  it('reports no stddev, neither per runner nor merged', () => {
    expect(a.latency).not.toHaveProperty('stddev');
    const merged = mergeRunnerFigures([a, b]).figures;
    expect(merged.latency).not.toHaveProperty('stddev');
    for (const e of merged.endpoints) expect(e.latency).not.toHaveProperty('stddev');
  });
});
