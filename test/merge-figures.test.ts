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
