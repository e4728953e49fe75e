/**
 * The layer-breakdown arithmetic on recorded traces with known answers
 * (test/fixtures/full-stack/README.md works every figure out), the OTLP/JSON parsing it rests
 * on, the cluster reader that takes the traces from the Collector's log, the differential
 * cross-check and the cost by component.
 */
import * as fs from 'fs';
import * as path from 'path';
import { layerBreakdown, traceLayerTimes } from '../experiments/full-stack/trace/layer-breakdown';
import { TraceSpan, spansOfJsonLines, spansOfRequest } from '../experiments/full-stack/trace/otlp-json';
import { differentialBreakdown } from '../experiments/full-stack/differential';
import { componentCosts, layerCosts } from '../experiments/full-stack/component-cost';
import { unitRates } from '../src/cost/pricing';
import { readFullStackRunResults } from '../experiments/full-stack/cluster/results-reader';
import { FullStackResultsRequest } from '../experiments/full-stack/cluster/results-request';
import { LAYER_LABEL } from '../experiments/full-stack/layers';
import { parseExperimentConfig } from '../src/config/spec';
import { PodLog, Selector } from '../src/cluster/cluster-client';
import { RunResult } from '../src/results/run-result';
import { FakeCluster, FakeClock, runnerLog } from './fixtures/cluster/fake-cluster';

const log = fs.readFileSync(path.join(__dirname, 'fixtures', 'full-stack', 'collector-log.txt'), 'utf8');

describe('OTLP/JSON parsing', () => {
  it('reads the trace lines of a Collector log and skips the rest', () => {
    const { spans, skippedLines, malformedLines } = spansOfJsonLines(log);
    expect(spans).toHaveLength(14);
    expect(skippedLines).toBe(2);
    expect(malformedLines).toBe(1);
    const root = spans.find((s) => s.spanId === 'a100000000000001')!;
    expect(root).toMatchObject({ service: 'traefik', kind: 2, parentSpanId: '', endUs: root.startUs + 10000 });
    expect(spans.find((s) => s.spanId === 'a200000000000004')!.attributes).toEqual({ 'perflab.layer': 'database' });
  });

  it('takes enum names for kinds, numbers for times and int attributes', () => {
    const [s] = spansOfRequest({
      resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ spans: [{ traceId: 't', spanId: 's', name: 'n', kind: 'SPAN_KIND_CLIENT', startTimeUnixNano: 1_000_000, endTimeUnixNano: 3_000_000, attributes: [{ key: 'n', value: { intValue: '7' } }] }] }] }],
    });
    expect(s).toMatchObject({ kind: 3, startUs: 1000, endUs: 3000, attributes: { n: '7' }, service: 'svc' });
  });

  it('refuses what is not a trace request', () => {
    expect(() => spansOfRequest({ resourceMetrics: [] })).toThrow('no resourceSpans array');
  });
});

describe('layer breakdown: the fixture traces', () => {
  const { spans } = spansOfJsonLines(log);

  it('splits each complete trace into its layers, adding up to the root span', () => {
    const a = traceLayerTimes(spans.filter((s) => s.traceId === 'a'.repeat(32)))!;
    // gateway 10 − 8, network 8 − 7, app 7 − (2 + 2.5 + 1.5), database 2 + 2.5, messaging 1.5
    expect(Object.fromEntries(a.layers)).toEqual({ gateway: 2, network: 1, app: 1, database: 4.5, messaging: 1.5 });
    expect(a.totalMs).toBe(10);
    const b = traceLayerTimes(spans.filter((s) => s.traceId === 'b'.repeat(32)))!;
    const bl = Object.fromEntries([...b.layers].map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
    // gateway 6 − 5, network 5 − 4.6, app 4.6 − (0.4 + 2.5 + 1.3), cache 0.4, database 2.5, messaging 1.3
    expect(bl).toEqual({ gateway: 1, network: 0.4, app: 0.4, cache: 0.4, database: 2.5, messaging: 1.3 });
  });

  it('leaves out a trace whose app span lost its parent', () => {
    expect(traceLayerTimes(spans.filter((s) => s.traceId === 'c'.repeat(32)))).toBeUndefined();
  });

  it('aggregates means that add up to the traced total, with shares and percentiles', () => {
    const b = layerBreakdown(spans, { clientMeanMs: 8.5 });
    expect(b).toMatchObject({ source: 'otlp-traces', traces: 2, incompleteTraces: 1, totalMeanMs: 8, clientMeanMs: 8.5, unattributedMs: 0.5 });
    const row = (layer: string) => b.layers.find((l) => l.layer === layer);
    expect(b.layers.map((l) => l.layer)).toEqual(['gateway', 'network', 'app', 'cache', 'database', 'messaging']);
    // means: (A + B) / 2; shares: mean / 8; nearest rank of two values: p50 = the smaller, p95 and p99 = the larger
    expect(row('gateway')).toEqual({ layer: 'gateway', meanMs: 1.5, p50Ms: 1, p95Ms: 2, p99Ms: 2, share: 0.1875 });
    expect(row('network')).toEqual({ layer: 'network', meanMs: 0.7, p50Ms: 0.4, p95Ms: 1, p99Ms: 1, share: 0.0875 });
    expect(row('app')).toEqual({ layer: 'app', meanMs: 0.7, p50Ms: 0.4, p95Ms: 1, p99Ms: 1, share: 0.0875 });
    expect(row('cache')).toEqual({ layer: 'cache', meanMs: 0.2, p50Ms: 0, p95Ms: 0.4, p99Ms: 0.4, share: 0.025 });
    expect(row('database')).toEqual({ layer: 'database', meanMs: 3.5, p50Ms: 2.5, p95Ms: 4.5, p99Ms: 4.5, share: 0.4375 });
    expect(row('messaging')).toEqual({ layer: 'messaging', meanMs: 1.4, p50Ms: 1.3, p95Ms: 1.5, p99Ms: 1.5, share: 0.175 });
    expect(b.layers.reduce((a, l) => a + l.meanMs, 0)).toBeCloseTo(b.totalMeanMs, 9);
  });

  it('counts overlapping children once (union of their intervals)', () => {
    const s = (spanId: string, parentSpanId: string, startUs: number, endUs: number, layer: string): TraceSpan => ({ traceId: 't', spanId, parentSpanId, name: spanId, kind: spanId === 'root' ? 2 : 3, startUs, endUs, service: 'full-stack-app', attributes: { 'perflab.layer': layer } });
    // root 0–10 ms with children 1–5 and 3–7 ms: union 6 ms, so the app's self time is 4 ms
    const t = traceLayerTimes([s('root', '', 0, 10000, 'app'), s('x', 'root', 1000, 5000, 'database'), s('y', 'root', 3000, 7000, 'cache')])!;
    expect(Object.fromEntries(t.layers)).toEqual({ app: 4, database: 4, cache: 4 });
  });

  it('gives an empty breakdown when nothing was traced', () => {
    expect(layerBreakdown([])).toEqual({ source: 'otlp-traces', traces: 0, incompleteTraces: 0, totalMeanMs: 0, layers: [] });
  });
});

describe('the cluster reader adds the breakdown from the Collector log', () => {
  const spec = parseExperimentConfig({ experiment: 'full-stack', variant: 'composed', target: 'k3s', load: 'baseline', observability: 'otel', gateway: 'traefik' });
  const collector: PodLog = { name: 'otel-collector-5d8f-x', nodeName: 'lab-1', phase: 'Running', log };
  class WithCollector extends FakeCluster {
    collectors = [collector];
    override async podLogs(namespace: string, selector: Selector): Promise<PodLog[]> {
      return selector[LAYER_LABEL] === 'observability' ? this.collectors : super.podLogs(namespace, selector);
    }
  }
  const request: FullStackResultsRequest = {
    namespace: 'perflab-fullstack-all',
    runId: 'full-stack-composed-1a2b3c4d',
    label: 'fullstack-all',
    experiment: 'full-stack',
    variant: 'composed',
    target: 'k3s',
    runner: { kind: 'Job', name: 'k6-full-stack-composed-1a2b3c4d', selector: { 'app.kubernetes.io/component': 'load-generator' }, parallelism: 1 },
    sut: { selector: { 'app.kubernetes.io/component': 'server' }, component: 'server' },
    profile: spec.profile,
    timeoutSeconds: 400,
    pollSeconds: 10,
    k6Version: '1.3.0',
    traces: { namespace: 'perflab-fullstack-all', selector: { [LAYER_LABEL]: 'observability', 'perflab.dev/run': 'full-stack-composed-1a2b3c4d' }, container: 'opentelemetry-collector', serviceLayers: { traefik: 'gateway' } },
  };
  const done = { state: 'succeeded' as const, startTime: '2026-11-25T12:00:00.000Z', completionTime: '2026-11-25T12:03:12.000Z' };
  const runner: PodLog = { name: 'k6-x', nodeName: 'lab-2', phase: 'Succeeded', exitCode: 0, log: runnerLog('k6-summary-pass.json') };

  it('reads the spans of the run window and records RunResult.layers', async () => {
    const { runResult } = await readFullStackRunResults(new WithCollector({ statuses: [done], runners: [runner] }), request, new FakeClock());
    expect(runResult.layers).toMatchObject({ traces: 2, incompleteTraces: 1, totalMeanMs: 8 });
    expect(runResult.layers!.layers.find((l) => l.layer === 'gateway')!.meanMs).toBe(1.5);
    expect(runResult.notes.join('\n')).toMatch(/1 trace line\(s\) of the Collector's log could not be parsed/);
  });

  it('says why traces are missing when the Collector\'s log could not be fetched', async () => {
    const cluster = new WithCollector({ statuses: [done], runners: [runner] });
    cluster.collectors = [{ ...collector, log: '', logError: { status: 500, message: 'etcdserver: request timed out' } }];
    const { runResult } = await readFullStackRunResults(cluster, request, new FakeClock());
    expect(runResult.notes).toContain('the layer breakdown misses traces: the log of pod perflab-fullstack-all/otel-collector-5d8f-x could not be fetched: the API server answered HTTP 500: etcdserver: request timed out');
  });

  it('leaves RunResult.layers out without observability', async () => {
    const { traces: _t, ...plain } = request;
    void _t;
    const { runResult } = await readFullStackRunResults(new WithCollector({ statuses: [done], runners: [runner] }), plain, new FakeClock());
    expect(runResult.layers).toBeUndefined();
  });
});

describe('the differential cross-check', () => {
  const result = (mean: number, traced?: Record<string, number>): RunResult =>
    ({ latency: { mean, p50: mean, p95: mean, p99: mean }, layers: traced ? { totalMeanMs: Object.values(traced).reduce((a, b) => a + b, 0), layers: Object.entries(traced).map(([layer, meanMs]) => ({ layer, meanMs })) } : undefined }) as unknown as RunResult;

  it('takes each step minus the one below, with the traced figures beside it', () => {
    const d = differentialBreakdown(
      [
        { name: 'base', results: [result(1.0, { app: 0.1 }), result(1.2, { app: 0.1 })] },
        { name: 'database', results: [result(4.0, { app: 0.1, database: 2.9 }), result(4.4, { app: 0.1, database: 3.1 })] },
      ],
      'mean',
      { seed: 1 },
    );
    // median(4.0, 4.4) − median(1.0, 1.2) = 4.2 − 1.1 = 3.1; traced Δ = median(3.0, 3.2) − 0.1 = 3.0; traced database = median(2.9, 3.1)
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ step: 'database', previous: 'base', runs: [2, 2], estimateMs: 3.1, tracedDeltaMs: 3, tracedLayerMs: 3 });
    expect(d[0].lowMs).toBeLessThanOrEqual(3.1);
    expect(d[0].highMs).toBeGreaterThanOrEqual(3.1);
  });

  it('collapses the interval with one run per step', () => {
    const [d] = differentialBreakdown([{ name: 'base', results: [result(1)] }, { name: 'cache', results: [result(0.5)] }]);
    expect(d).toMatchObject({ estimateMs: -0.5, lowMs: -0.5, highMs: -0.5 });
  });

  it('refuses a step without runs', () => {
    expect(() => differentialBreakdown([{ name: 'base', results: [] }, { name: 'x', results: [result(1)] }])).toThrow('step base has no runs');
  });
});

describe('cost by component', () => {
  it('prices each component and sums them by layer', () => {
    const GiB = 1024 ** 3;
    const r = {
      durationSeconds: 3600,
      throughput: { totalRequests: 1_000_000 },
      resources: [
        { component: 'server', cpuCoreSeconds: 3600, cpuCoresAvg: 1, memoryAvgBytes: GiB, memoryPeakBytes: GiB, samples: 1, source: 'procfs' },
        { component: 'postgres', cpuCoreSeconds: 7200, cpuCoresAvg: 2, memoryAvgBytes: 0, memoryPeakBytes: 0, samples: 1, source: 'procfs' },
        { component: 'proxy', cpuCoreSeconds: 1800, cpuCoresAvg: 0.5, memoryAvgBytes: 0, memoryPeakBytes: 0, samples: 1, source: 'metrics.k8s.io' },
      ],
    };
    const rates = unitRates();
    const c = componentCosts(r);
    // app: 1 core-hour + 1 GiB-hour; postgres: 2 core-hours; proxy: 0.5 core-hour — at the default rates
    const app = rates.cpuCoreHour + rates.ramGiBHour;
    const expected = [['server', 'app', app], ['postgres', 'database', 2 * rates.cpuCoreHour], ['proxy', 'mesh', 0.5 * rates.cpuCoreHour]];
    expect(c.map((x) => [x.component, x.layer, x.cost])).toEqual(expected.map(([a, b, v]) => [a, b, expect.closeTo(v as number, 12)]));
    const total = app + 2.5 * rates.cpuCoreHour;
    expect(c[1].share).toBeCloseTo((2 * rates.cpuCoreHour) / total, 9);
    expect(c[0].costPerMillion).toBeCloseTo(app, 9);
    expect(layerCosts(c).map((l) => l.layer)).toEqual(['app', 'database', 'mesh']);
  });
});
