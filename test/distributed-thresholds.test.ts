/**
 * A distributed k6-operator TestRun's thresholds: left out of the runners' script and judged by
 * the results reader on the merged figures of all runners. The runner summaries
 * (test/fixtures/cluster/k6-summary-distributed-{1..4}.json) are written by hand in the shape of
 * k6's handleSummary data (see test/k6-summary.test.ts), as 4 runners of a 440/s open-model run
 * would print them with a distributed script (only the per-endpoint helper thresholds).
 */
import { compileK6Script } from '../src/load/k6-script';
import { parseExperimentConfig } from '../src/config/spec';
import { readRunResults } from '../src/cluster/results-reader';
import { PodLog } from '../src/cluster/cluster-client';
import { FakeCluster, FakeClock, fixture, runRequest as request, runnerLog } from './fixtures/cluster/fake-cluster';

const pod = (name: string, log: string): PodLog => ({ name, nodeName: 'lab-2', phase: 'Succeeded', exitCode: 0, log });

// Each k6-operator runner is its own `k6 run` judging thresholds on its 1/N share; k6 has no
// cross-runner aggregation outside its cloud (grafana/k6 v1.3.0
// docs/design/020-distributed-execution-and-test-suites.md, "Missing Parts" 5; k6-operator
// v1.1.1 pkg/segmentation/segmentation.go gives each runner an execution segment). The
// distributed script leaves the profile thresholds out, and the reader judges them on the merged figures.
describe('readRunResults: thresholds of a TestRun with 4 runners, judged on the merged figures', () => {
  const openProfile = (minRps: number) =>
    parseExperimentConfig({
      experiment: 'runtime',
      variant: 'go',
      target: 'k3s',
      load: { name: 'open-440', model: 'open', startTarget: 440, stages: [{ durationSeconds: 120, target: 440 }], thresholds: { minRps, p95Ms: 500, maxErrorRate: 0.01 } },
    }).profile;
  const runners = [1, 2, 3, 4].map((i) => pod(`k6-${i}-r${i}`, runnerLog(`k6-summary-distributed-${i}.json`)));
  const req = (minRps: number) =>
    request({ profile: openProfile(minRps), runner: { kind: 'TestRun', name: 'k6-runtime-go-1a2b3c4d', selector: { 'perflab.dev/run': 'runtime-go-1a2b3c4d' }, parallelism: 4 } });

  it('the runners ran a script without the profile thresholds (only the per-endpoint helpers)', () => {
    const script = compileK6Script(openProfile(400), { baseUrl: 'http://api:8080', runners: 4 });
    const single = compileK6Script(openProfile(400), { baseUrl: 'http://api:8080' });
    expect(single).toContain('"rate>=400"');
    expect(script).not.toContain('rate>=400');
    expect(script).not.toContain('"http_reqs"');
    expect(script).not.toContain('p(95)<500');
    expect(script).not.toContain('dropped_iterations');
    for (const i of [1, 2, 3, 4]) {
      const thresholds = Object.values(JSON.parse(fixture(`k6-summary-distributed-${i}.json`)).metrics).filter((m: any) => m.thresholds);
      expect(thresholds.flatMap((m: any) => Object.keys(m.thresholds)).every((t) => t === 'max>=0' || t === 'rate>=0')).toBe(true);
    }
  });

  it('passes a min-RPS threshold that no single runner meets but the merged rate does', async () => {
    const cluster = new FakeCluster({ statuses: [{ state: 'succeeded', reason: 'finished' }], runners });
    const { runResult } = await readRunResults(cluster, req(400), new FakeClock());
    expect(runResult.throughput.requestsPerSecond).toBe(440);
    expect(runResult.throughput.totalRequests).toBe(52800);
    expect(runResult.thresholds).toContainEqual({ metric: 'throughput.rps', condition: '>= 400', observed: 440, passed: true });
    expect(runResult.thresholds).toContainEqual({ metric: 'errors.droppedIterations', condition: '<= 0', observed: 0, passed: true });
    expect(runResult.thresholds.find((t) => t.metric === 'latency.p95')).toMatchObject({ observed: 11.4, passed: true });
    expect(runResult.thresholdsPassed).toBe(true);
  });

  // Dropped iterations (grafana/k6 v1.3.0 lib/executor/ramping_arrival_rate.go) add up across
  // runners, count as errors, and fail the open model's default limit of 0.
  it('fails a run in which any runner dropped iterations, counting them as errors', async () => {
    const dropping = JSON.parse(fixture('k6-summary-distributed-2.json'));
    dropping.metrics.dropped_iterations = { type: 'counter', contains: 'default', values: { count: 240, rate: 2 } };
    const log = runnerLog('k6-summary-distributed-2.json').replace(JSON.stringify(JSON.parse(fixture('k6-summary-distributed-2.json'))), JSON.stringify(dropping));
    const cluster = new FakeCluster({ statuses: [{ state: 'succeeded', reason: 'finished' }], runners: [runners[0], pod('k6-2-r2', log), runners[2], runners[3]] });
    const { runResult } = await readRunResults(cluster, req(400), new FakeClock());
    expect(runResult.errors.byKind).toEqual({ http_failed: 10, dropped_iterations: 240 });
    expect(runResult.errors.rate).toBeCloseTo(250 / (52800 + 240), 12);
    expect(runResult.thresholds).toContainEqual({ metric: 'errors.droppedIterations', condition: '<= 0', observed: 240, passed: false });
    expect(runResult.thresholdsPassed).toBe(false);
  });

  it('fails it when the merged rate misses it, as a measured run', async () => {
    const cluster = new FakeCluster({ statuses: [{ state: 'succeeded', reason: 'finished' }], runners });
    const { runResult } = await readRunResults(cluster, req(450), new FakeClock());
    expect(runResult.thresholds).toContainEqual({ metric: 'throughput.rps', condition: '>= 450', observed: 440, passed: false });
    expect(runResult.thresholdsPassed).toBe(false);
  });
});
