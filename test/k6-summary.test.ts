/**
 * Tests of the k6 end-of-test summary reader (src/results/k6-summary.ts).
 *
 * The fixtures under test/fixtures/k6/ are written by hand after the documented shape of the
 * handleSummary() data object, k6 docs "Custom summary" → "Summary data reference":
 *   https://grafana.com/docs/k6/latest/results-output/end-of-test/custom-summary/
 *   (grafana/k6-docs: docs/sources/k6/next/results-output/end-of-test/custom-summary.md)
 * and after how k6 builds it, grafana/k6 internal/js/summary.go (`summarizeMetricsToObject`,
 * `metricValueGetter`: a rate metric's `passes` are its true samples — for http_req_failed, the
 * failed requests; see also https://github.com/grafana/k6/issues/2386).
 */
import * as fs from 'fs';
import * as path from 'path';
import { SUMMARY_BEGIN_MARKER, SUMMARY_END_MARKER } from '../src/load/k6-script';
import { extractSummaryFromLog, parseK6Summary } from '../src/results/k6-summary';
import { LatencySchema, ThresholdResultSchema } from '../src/results/run-result';

const FIXTURES = path.join(__dirname, 'fixtures', 'k6');
const readFixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const fullSummary = (): Record<string, any> => JSON.parse(readFixture('summary-full.json'));
const runnerLog = (summaryJson: string): string => readFixture('runner-log.txt').replace('@SUMMARY@', summaryJson);

describe('parseK6Summary on a full summary', () => {
  const figures = parseK6Summary(fullSummary(), 'summary-full.json');

  it('reads the whole-run latency from http_req_duration (ms, no histogram)', () => {
    expect(figures.latency).toEqual({
      count: 12000,
      min: 0.81,
      mean: 41.2,
      p50: 32.5,
      p90: 88.1,
      p95: 141.7,
      p99: 1043.2,
      p999: 1980.6,
      max: 2310.4,
    });
    expect(LatencySchema.safeParse(figures.latency).success).toBe(true);
  });

  it('reads throughput from http_reqs and data_received', () => {
    expect(figures.throughput).toEqual({ requestsPerSecond: 199.9583, totalRequests: 12000, bytesPerSecond: 307136, totalBytes: 18432000 });
  });

  it('counts http_req_failed passes as the failed requests', () => {
    expect(figures.errors).toEqual({ total: 60, rate: 0.005, byKind: { http_failed: 60 } });
  });

  it('lists the endpoints from http_req_duration{endpoint:NAME}, ignoring other sub-metrics', () => {
    expect(figures.endpoints.map((e) => e.name)).toEqual(['compute', 'echo', 'health', 'json']);
    const byName = Object.fromEntries(figures.endpoints.map((e) => [e.name, e]));
    expect(byName.json.requests).toBe(4800);
    expect(byName.json.latency.p95).toBe(52.6);
    expect(byName.json.latency.p999).toBe(390.1);
    expect(byName.compute.errors).toBe(60); // from http_req_failed{endpoint:compute}
    expect(byName.health.errors).toBe(0); // no failed sub-metric for it
    expect(figures.endpoints.reduce((s, e) => s + e.requests, 0)).toBe(figures.throughput.totalRequests);
  });

  it('reports one threshold per expression with the observed value and the verdict', () => {
    const t = (metric: string, condition: string) => figures.thresholds.find((x) => x.metric === metric && x.condition === condition);
    expect(t('http_req_duration', 'p(95)<500')).toEqual({ metric: 'http_req_duration', condition: 'p(95)<500', observed: 141.7, passed: true });
    expect(t('http_req_duration', 'p(99)<1000')).toEqual({ metric: 'http_req_duration', condition: 'p(99)<1000', observed: 1043.2, passed: false });
    expect(t('http_req_failed', 'rate<=0.01')).toEqual({ metric: 'http_req_failed', condition: 'rate<=0.01', observed: 0.005, passed: true });
    expect(t('http_req_duration{endpoint:compute}', 'max>=0')?.observed).toBe(2310.4);
    expect(t('http_req_failed{endpoint:compute}', 'rate<=0.05')?.observed).toBe(0.025);
    expect(figures.thresholds).toHaveLength(8); // 2 + 1 on the whole run, 4 per-endpoint max>=0, 1 on compute failures
    expect(figures.thresholds.filter((x) => !x.passed)).toHaveLength(1);
    for (const x of figures.thresholds) expect(ThresholdResultSchema.safeParse(x).success).toBe(true);
  });

  it('takes the duration from state.testRunDurationMs', () => {
    expect(figures.durationSeconds).toBeCloseTo(60.0125, 6);
  });
});

// k6's ramping-arrival-rate executor drops an iteration when no VU is free and counts it in the
// built-in `dropped_iterations` counter (grafana/k6 v1.3.0 lib/executor/ramping_arrival_rate.go,
// metrics/builtin.go): a request the open model asked for and never sent, so an error.
describe('parseK6Summary: dropped iterations', () => {
  it('counts dropped_iterations as errors and in the error rate over every attempt', () => {
    const s = fullSummary();
    s.metrics.dropped_iterations = { type: 'counter', contains: 'default', values: { count: 3000, rate: 49.99 }, thresholds: { 'count<=0': { ok: false } } };
    const f = parseK6Summary(s, 'x.json');
    expect(f.droppedIterations).toBe(3000);
    expect(f.errors).toEqual({ total: 3060, rate: 3060 / 15000, byKind: { http_failed: 60, dropped_iterations: 3000 } });
    expect(f.thresholds).toContainEqual({ metric: 'dropped_iterations', condition: 'count<=0', observed: 3000, passed: false });
    expect(f.throughput.totalRequests).toBe(12000);
  });

  it('reads an absent dropped_iterations as none dropped', () => {
    const f = parseK6Summary(fullSummary(), 'x.json');
    expect(f.droppedIterations).toBe(0);
    expect(f.errors.byKind).not.toHaveProperty('dropped_iterations');
  });

  it('rejects a dropped_iterations that is not a counter, naming it', () => {
    const s = fullSummary();
    s.metrics.dropped_iterations = { type: 'rate', contains: 'default', values: { rate: 0.1 } };
    expect(() => parseK6Summary(s, 'x.json')).toThrow('metrics["dropped_iterations"].type is "rate", expected "counter"');
  });
});

describe('parseK6Summary on partial and odd summaries', () => {
  it('falls back to the http_reqs count when the trend has no count, and leaves byKind empty without failures', () => {
    const s = fullSummary();
    delete s.metrics.http_req_duration.values.count;
    delete s.metrics.data_received;
    s.metrics.http_req_failed.values = { rate: 0, passes: 0, fails: 12000 };
    const f = parseK6Summary(s, 'x.json');
    expect(f.latency.count).toBe(12000);
    expect(f.errors).toEqual({ total: 0, rate: 0, byKind: {} });
    expect(f.throughput).toEqual({ requestsPerSecond: 199.9583, totalRequests: 12000 });
  });

  it('gives an endpoint without a count 0 requests', () => {
    const s = fullSummary();
    delete s.metrics['http_req_duration{endpoint:json}'].values.count;
    const json = parseK6Summary(s, 'x.json').endpoints.find((e) => e.name === 'json');
    expect(json?.requests).toBe(0);
    expect(json?.latency.count).toBe(0);
  });

  it('rejects a summary whose trend lacks the stats perflab configures', () => {
    const s = fullSummary();
    delete s.metrics.http_req_duration.values['p(99.9)'];
    delete s.metrics.http_req_duration.values['p(90)'];
    expect(() => parseK6Summary(s, 'old.json')).toThrow(
      'old.json: not a usable k6 end-of-test summary: metrics["http_req_duration"].values has no p(90), p(99.9) (perflab\'s k6 scripts set summaryTrendStats to avg, min, med, max, p(90), p(95), p(99), p(99.9), count; was the summary made by another script?)',
    );
  });

  it('rejects a summary without http_req_duration and http_reqs, naming both', () => {
    const s = fullSummary();
    delete s.metrics.http_req_duration;
    delete s.metrics.http_reqs;
    expect(() => parseK6Summary(s, 'grpc.json')).toThrow(
      'grpc.json: not a usable k6 end-of-test summary: metrics["http_reqs"] is missing; metrics["http_req_duration"] is missing',
    );
  });

  it('rejects wrong types, naming the key and the value', () => {
    const s = fullSummary();
    s.metrics.http_reqs.values.count = '12000';
    s.metrics.http_req_duration.type = 'counter';
    s.state.testRunDurationMs = 'a minute';
    let message = '';
    try {
      parseK6Summary(s, 'typed.json');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^typed\.json: /);
    expect(message).toContain('state.testRunDurationMs is "a minute", expected milliseconds');
    expect(message).toContain('metrics["http_reqs"].values: count is "12000"');
    expect(message).toContain('metrics["http_req_duration"].type is "counter", expected "trend"');
  });

  it('rejects http_req_failed whose rate contradicts passes (k6 counts failures as passes)', () => {
    const s = fullSummary();
    s.metrics.http_req_failed.values = { rate: 0.005, passes: 11940, fails: 60 };
    expect(() => parseK6Summary(s, 'swapped.json')).toThrow(/rate 0\.005 does not equal passes \/ \(passes \+ fails\) = 11940\/12000; in k6, passes counts the failed requests/);
  });

  it('rejects a threshold on a statistic the summary does not report', () => {
    const s = fullSummary();
    s.metrics.http_req_duration.thresholds['p(97.5)<800'] = { ok: true };
    expect(() => parseK6Summary(s, 't.json')).toThrow('metrics["http_req_duration"].thresholds["p(97.5)<800"] refers to p(97.5), which metrics["http_req_duration"].values does not report');
  });

  it('rejects a foreign JSON object (a Prometheus query response), naming what is missing', () => {
    const prom = JSON.parse(readFixture('prometheus-response.json'));
    expect(() => parseK6Summary(prom, 'prometheus-response.json')).toThrow(
      'prometheus-response.json: not a usable k6 end-of-test summary: "state" is missing, expected an object with testRunDurationMs; "metrics" is missing, expected an object with http_req_duration and http_reqs (top-level keys: status, data)',
    );
  });

  it('rejects values that are not objects', () => {
    expect(() => parseK6Summary([1, 2], 'a.json')).toThrow('a.json: not a k6 end-of-test summary: expected an object, got an array');
    expect(() => parseK6Summary(null, 'n.json')).toThrow('n.json: not a k6 end-of-test summary: expected an object, got null');
    expect(() => parseK6Summary('hello', 's.json')).toThrow('s.json: not a k6 end-of-test summary: expected an object, got string "hello"');
  });

  it("recognises k6's new machine-readable summary format and says so", () => {
    const v1 = { version: '1.0.0', metadata: { k6Version: '1.5.0' }, config: {}, results: { passed: true, metrics: [{ name: 'http_reqs', type: 'counter', values: { count: 1, rate: 1 } }] } };
    expect(() => parseK6Summary(v1, 'new.json')).toThrow(/new\.json: this is k6's new machine-readable summary \(version 1\.0\.0\)/);
  });
});

describe('extractSummaryFromLog', () => {
  const summaryJson = JSON.stringify(fullSummary());

  it('finds the summary between the markers among noise lines before and after', () => {
    const data = extractSummaryFromLog(runnerLog(summaryJson), 'pod/k6-run-abc');
    expect(data).toEqual(fullSummary());
    expect(parseK6Summary(data, 'pod/k6-run-abc').latency.p95).toBe(141.7);
  });

  it('takes the last complete block when the log holds several', () => {
    const older = JSON.stringify({ ...fullSummary(), state: { testRunDurationMs: 1000 } });
    const log = `${SUMMARY_BEGIN_MARKER}\n${older}\n${SUMMARY_END_MARKER}\n${runnerLog(summaryJson)}`;
    expect((extractSummaryFromLog(log, 'log') as any).state.testRunDurationMs).toBe(60012.5);
  });

  it('handles CRLF line ends', () => {
    const log = runnerLog(summaryJson).replace(/\n/g, '\r\n');
    expect(extractSummaryFromLog(log, 'crlf.log')).toEqual(fullSummary());
  });

  it('says so when there is no marker at all', () => {
    expect(() => extractSummaryFromLog('running (0m10.0s), 10/10 VUs\nsignal: killed\n', 'pod/k6-x')).toThrow(
      /^pod\/k6-x: no summary marker found: the log \(\d+ characters\) has no "=====PERFLAB-K6-SUMMARY-BEGIN=====" line/,
    );
  });

  it('says the summary was truncated when the begin marker has no end', () => {
    const log = runnerLog(summaryJson);
    const cut = log.slice(0, log.indexOf(SUMMARY_BEGIN_MARKER) + SUMMARY_BEGIN_MARKER.length + 500);
    expect(() => extractSummaryFromLog(cut, 'pod/k6-y')).toThrow(/^pod\/k6-y: summary truncated \(begin marker without end\)/);
  });

  it('says the summary is not valid JSON when the JSON between the markers is cut off', () => {
    const log = runnerLog(summaryJson.slice(0, 300));
    expect(() => extractSummaryFromLog(log, 'pod/k6-z')).toThrow(/^pod\/k6-z: summary is not valid JSON \(.+\); 300 characters between the markers, starting "\{\\"root_group\\"/);
  });
});
