/**
 * The results reader against a fake cluster: waiting until the k6 runner is done, timeouts,
 * failures with the log tail and the failed thresholds, summary parsing (and rejection of
 * truncated or foreign ones), PodMetrics sampling and the RunResult it builds. Also the real
 * client's pure mappers (Job / TestRun status, PodMetrics, Node) on API-shaped fixtures.
 */
import { RunResultSchema } from '../src/results/run-result';
import { RunFailedError } from '../src/cluster/await-runner';
import { jobStatusOf, logFetchErrorOf, nodeInfoOf, parseGoDuration, podMetricsOf, testRunStatusOf } from '../src/cluster/kube-mappers';
import { parseQuantity } from '../src/cluster/quantity';
import { readRunResults } from '../src/cluster/results-reader';
import { failedThresholdsMessage } from '../src/results/thresholds';
import { PodLog, PodMetricsSample, RunnerStatus } from '../src/cluster/cluster-client';
import { FakeCluster, FakeClock, fixture, k3sNode, runRequest, runnerLog, truncatedLog } from './fixtures/cluster/fake-cluster';

const request = runRequest;

const RUNNING: RunnerStatus = { state: 'running', startTime: '2026-11-25T12:00:00.000Z' };
const DONE: RunnerStatus = { state: 'succeeded', startTime: '2026-11-25T12:00:00.000Z', completionTime: '2026-11-25T12:03:12.000Z' };
const pod = (name: string, log: string, over: Partial<PodLog> = {}): PodLog => ({ name, nodeName: 'lab-2', phase: 'Succeeded', exitCode: 0, log, ...over });
const sample = (pod: string, at: string, cpuCores: number, memoryBytes: number): PodMetricsSample => ({ pod, timestamp: at, windowSeconds: 15, cpuCores, memoryBytes });

describe('readRunResults: a successful Job run', () => {
  const clock = new FakeClock();
  const cluster = new FakeCluster({
    statuses: [{ state: 'pending' }, RUNNING, RUNNING, RUNNING, RUNNING, DONE],
    runners: [pod('k6-runtime-go-1a2b3c4d-x7k2p', runnerLog('k6-summary-pass.json'))],
    sutMetrics: [
      [sample('api-1', '2026-11-25T12:00:15Z', 0.3, 20e6)],
      [sample('api-1', '2026-11-25T12:00:15Z', 0.3, 20e6)], // same metrics-server window again: dropped
      [sample('api-1', '2026-11-25T12:00:30Z', 0.5, 30e6)],
      [sample('api-1', '2026-11-25T12:00:45Z', 0.4, 25e6)],
    ],
    loadMetrics: [sample('k6-pod', '2026-11-25T12:00:15Z', 0.2, 60e6)],
  });
  let outcome: Awaited<ReturnType<typeof readRunResults>>;

  beforeAll(async () => {
    outcome = await readRunResults(cluster, request(), clock);
  });

  it('polls the Job until it has finished, sampling PodMetrics while it runs', () => {
    expect(cluster.statusReads).toBe(6);
    expect(clock.sleeps).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
    expect(cluster.calls.filter((c) => c.startsWith('podMetrics') && c.includes('"server"'))).toHaveLength(4);
    expect(cluster.calls[0]).toBe('jobStatus perflab-runtime-go/k6-runtime-go-1a2b3c4d');
  });

  it('builds a valid RunResult from the runner summary', () => {
    const r = outcome.runResult;
    expect(RunResultSchema.safeParse(r).success).toBe(true);
    expect(r.id).toBe('runtime-go-1a2b3c4d-20261125T120000Z');
    expect(r).toMatchObject({ experiment: 'runtime', variant: 'go', target: 'k3s', label: 'runtime-go', loadGenerator: { name: 'k6', version: '1.3.0' } });
    expect(r.startedAt).toBe('2026-11-25T12:00:00.000Z');
    expect(r.finishedAt).toBe('2026-11-25T12:03:12.000Z');
    expect(r.durationSeconds).toBe(180.004);
    expect(r.latency).toMatchObject({ count: 54000, p50: 2.4, p95: 9.8, p99: 18.4, max: 212.5 });
    expect(r.throughput.totalRequests).toBe(54000);
    expect(r.throughput.requestsPerSecond).toBeCloseTo(299.99, 1);
    expect(r.errors).toEqual({ total: 12, rate: 12 / 54000, byKind: { http_failed: 12 } });
    expect(r.endpoints.map((e) => e.name)).toEqual(['compute', 'echo', 'health', 'json']);
    expect(r.endpoints.find((e) => e.name === 'compute')?.errors).toBe(12);
    expect(r.profile.name).toBe('baseline');
  });

  it('evaluates the profile thresholds on the figures', () => {
    expect(outcome.runResult.thresholds.map((t) => [t.metric, t.passed])).toEqual([
      ['latency.p95', true],
      ['latency.p99', true],
      ['errors.rate', true],
    ]);
    expect(outcome.runResult.thresholdsPassed).toBe(true);
  });

  it('reports the SUT and k6 resources from metrics.k8s.io, repeats dropped', () => {
    const [server, k6] = outcome.runResult.resources;
    expect(server).toMatchObject({ component: 'server', source: 'metrics.k8s.io', samples: 3, cpuCoresAvg: 0.4, memoryPeakBytes: 30e6, memoryAvgBytes: 25e6 });
    expect(server.cpuCoreSeconds).toBeCloseTo(0.4 * 180.0042, 2);
    expect(k6).toMatchObject({ component: 'k6', samples: 1, source: 'metrics.k8s.io' });
    expect(outcome.runResult.notes.some((n) => n.includes('3 metrics.k8s.io sample(s)'))).toBe(true);
  });

  it('fingerprints the node the SUT ran on', () => {
    expect(outcome.runResult.environment).toMatchObject({
      target: 'k3s',
      hostname: 'lab-1',
      os: 'Debian GNU/Linux 12 (bookworm)',
      kernel: 'Linux 6.1.0-27-amd64',
      arch: 'amd64',
      cpuCores: 4,
      memoryBytes: 8025424 * 1024,
      nodeType: 'k3s',
      cni: 'flannel',
      toolVersions: { k6: '1.3.0', kubelet: 'v1.33.2+k3s1', containerRuntime: 'containerd://2.0.5-k3s1' },
    });
  });

  it('returns the headline figures', () => {
    expect(outcome.headline).toEqual({
      p50Ms: 2.4,
      p95Ms: 9.8,
      p99Ms: 18.4,
      rps: outcome.runResult.throughput.requestsPerSecond,
      errorRate: 12 / 54000,
      cpuCoreSeconds: outcome.runResult.resources[0].cpuCoreSeconds,
      memoryPeakBytes: 30e6,
      thresholdsPassed: true,
    });
  });
});

describe('readRunResults: resources and placement notes', () => {
  it('records the p95 of the metrics rounds and the manifests\' requests of the measured components', async () => {
    const cluster = new FakeCluster({
      statuses: [RUNNING, RUNNING, RUNNING, DONE],
      runners: [pod('k6-a', runnerLog('k6-summary-pass.json'))],
      sutMetrics: [[sample('api-1', '2026-11-25T12:00:15Z', 0.3, 20e6)], [sample('api-1', '2026-11-25T12:00:30Z', 0.5, 30e6)], [sample('api-1', '2026-11-25T12:00:45Z', 0.4, 25e6)]],
      loadMetrics: [sample('k6-pod', '2026-11-25T12:00:15Z', 0.2, 60e6)],
    });
    const server = { requested: { cpuCores: 0.5, memoryBytes: 256 * 1024 ** 2 }, limits: { cpuCores: 0.5, memoryBytes: 256 * 1024 ** 2 } };
    const { runResult } = await readRunResults(cluster, request({ requests: { server } }), new FakeClock());
    const [sut, k6] = runResult.resources;
    // nearest rank over 3 rounds: the 3rd of (0.3, 0.4, 0.5) and of (20, 25, 30) MB
    expect(sut).toMatchObject({ component: 'server', cpuCoresP95: 0.5, memoryP95Bytes: 30e6, ...server });
    expect(k6.requested).toBeUndefined();
    expect(runResult.notes).toContain("requests and limits of server: from the run's manifests");
  });

  it('says so when metrics.k8s.io is not served, with no resource figures', async () => {
    const cluster = new FakeCluster({ statuses: [RUNNING, DONE], runners: [pod('k6-a', runnerLog('k6-summary-pass.json'))], metricsServed: false });
    const { runResult, headline } = await readRunResults(cluster, request(), new FakeClock());
    expect(runResult.resources).toEqual([]);
    expect(runResult.notes.join('\n')).toContain('metrics.k8s.io is not served by this cluster');
    expect(headline.cpuCoreSeconds).toBeUndefined();
    expect(headline.memoryPeakBytes).toBeUndefined();
  });

  it('notes a k6 runner that shared the SUT node', async () => {
    const cluster = new FakeCluster({ statuses: [DONE], runners: [pod('k6-a', runnerLog('k6-summary-pass.json'), { nodeName: 'lab-1' })] });
    const { runResult } = await readRunResults(cluster, request(), new FakeClock());
    expect(runResult.notes.join('\n')).toContain('k6 runner k6-a ran on node lab-1 with the system under test');
    expect(runResult.notes.join('\n')).toContain('no PodMetrics sample was taken while k6 ran');
  });
});

describe('readRunResults: failures', () => {
  it('fails a run that outlives its timeout with the runner log tail', async () => {
    const clock = new FakeClock();
    const log = `${Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n')}\nrunning (2m10.0s), 50/50 VUs, 31000 complete and 0 interrupted iterations`;
    const cluster = new FakeCluster({ statuses: [RUNNING], runners: [pod('k6-a', log, { phase: 'Running', exitCode: undefined })] });
    const err = (await readRunResults(cluster, request({ timeoutSeconds: 60 }), clock).catch((e) => e)) as RunFailedError;
    expect(err).toBeInstanceOf(RunFailedError);
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('k6 Job perflab-runtime-go/k6-runtime-go-1a2b3c4d timed out: not finished within 60 s (state: running)');
    expect(err.message).toContain('last 20 log lines of pod perflab-runtime-go/k6-a (phase Running):');
    expect(err.message).toContain('  | running (2m10.0s), 50/50 VUs');
    expect(err.message).toContain('  | line 12');
    expect(err.message).not.toContain('  | line 11\n');
    expect(clock.now() - Date.parse('2026-11-25T12:00:00Z')).toBe(60_000);
  });

  it.each([
    ['FailureTarget and Failed', ['FailureTarget', 'Failed']],
    ['FailureTarget only, the pods still terminating (Kubernetes >= 1.31)', ['FailureTarget']],
  ])('reports a Job killed by its activeDeadlineSeconds as timed out (%s)', async (_, types) => {
    const job = JSON.parse(fixture('job-failed-deadline.json'));
    job.status.conditions = job.status.conditions.filter((c: { type: string }) => types.includes(c.type));
    const status = jobStatusOf(job);
    const cluster = new FakeCluster({ statuses: [status], runners: [pod('k6-a', 'running (4m59.0s), 50/50 VUs', { phase: 'Failed', exitCode: 137 })] });
    const err = (await readRunResults(cluster, request(), new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('timed out (activeDeadlineSeconds exceeded): DeadlineExceeded: Job was active longer than specified deadline');
    expect(err.message).toContain('thresholds unknown: pod perflab-runtime-go/k6-a log: no summary marker found');
  });

  // k6 exits 99 when thresholds fail, after handleSummary wrote the summary (grafana/k6 v1.3.0
  // errext/exitcodes/codes.go ThresholdsHaveFailed; internal/cmd/run.go sets it in a deferred
  // step that runs after the end-of-test summary):
  // a measured run that failed, not a run without a result.
  it('records a run whose thresholds failed (exit 99, readable summary) as measured with thresholdsPassed: false', async () => {
    const log = runnerLog('k6-summary-failed-p95.json', 'time="2026-11-25T12:03:11Z" level=error msg="thresholds on metrics \'http_req_duration\' have been crossed"');
    const cluster = new FakeCluster({
      statuses: [RUNNING, { state: 'failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', startTime: RUNNING.startTime }],
      runners: [pod('k6-a', log, { phase: 'Failed', exitCode: 99, terminatedReason: 'Error' })],
    });
    const { runResult, headline } = await readRunResults(cluster, request(), new FakeClock());
    expect(RunResultSchema.safeParse(runResult).success).toBe(true);
    expect(runResult.thresholdsPassed).toBe(false);
    expect(headline.thresholdsPassed).toBe(false);
    expect(runResult.thresholds.find((t) => t.metric === 'latency.p95')).toMatchObject({ observed: 612.3, passed: false });
    expect(runResult.notes.join('\n')).toContain('k6 exited 99 (thresholds failed) on k6-a after writing its summary: http_req_duration p(95)<500 (observed 612.3)');
    const message = failedThresholdsMessage({ ...runResult, totalRequests: runResult.throughput.totalRequests });
    expect(message).toContain(`run ${runResult.id} was measured but FAILED its thresholds: latency.p95 < 500 ms (observed 612.3)`);
  });

  it.each([
    [97, 'a k6 Cloud run failed'],
    [104, 'invalid config'],
    [105, 'external abort'],
  ])('still fails a run whose runner exited %i (%s), with the failed thresholds and the log tail, not the summary JSON', async (code) => {
    const log = runnerLog('k6-summary-failed-p95.json', 'time="2026-11-25T12:03:11Z" level=error msg="stopped"');
    const cluster = new FakeCluster({
      statuses: [RUNNING, { state: 'failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', startTime: RUNNING.startTime }],
      runners: [pod('k6-a', log, { phase: 'Failed', exitCode: code, terminatedReason: 'Error' })],
    });
    const err = (await readRunResults(cluster, request(), new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err).toBeInstanceOf(RunFailedError);
    expect(err.kind).toBe('failed');
    expect(err.message).toContain('k6 Job perflab-runtime-go/k6-runtime-go-1a2b3c4d failed: BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(err.message).toContain('thresholds that failed: http_req_duration p(95)<500 (observed 612.3)');
    expect(err.message).not.toContain('max>=0');
    expect(err.message).toContain(`(exit code ${code}, Error)`);
    expect(err.message).toMatch(/\[k6 summary JSON, \d+ characters\]/);
    expect(err.message).not.toContain('"metrics"');
  });

  it('still fails an exit-99 run whose summary cannot be read', async () => {
    const cluster = new FakeCluster({ statuses: [{ state: 'failed', reason: 'BackoffLimitExceeded' }], runners: [pod('k6-a', truncatedLog('k6-summary-failed-p95.json'), { phase: 'Failed', exitCode: 99 })] });
    const err = (await readRunResults(cluster, request(), new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err.kind).toBe('failed');
    expect(err.message).toContain('thresholds unknown: pod perflab-runtime-go/k6-a log: summary truncated');
  });

  it('rejects a truncated summary naming the pod', async () => {
    const cluster = new FakeCluster({ statuses: [DONE], runners: [pod('k6-a', truncatedLog('k6-summary-pass.json'))] });
    const err = (await readRunResults(cluster, request(), new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err.kind).toBe('summary');
    expect(err.message).toContain('finished but its summary could not be read: pod perflab-runtime-go/k6-a log: summary truncated (begin marker without end)');
  });

  it('rejects a foreign summary saying what is missing', async () => {
    const foreign = runnerLog('k6-summary-pass.json').replace(/(=====PERFLAB-K6-SUMMARY-BEGIN=====\n).*(\n=====PERFLAB-K6-SUMMARY-END=====)/, '$1{"results":{"ok":true},"checks":3}$2');
    const cluster = new FakeCluster({ statuses: [DONE], runners: [pod('k6-a', foreign)] });
    const err = (await readRunResults(cluster, request(), new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err.kind).toBe('summary');
    expect(err.message).toContain('pod perflab-runtime-go/k6-a log: not a usable k6 end-of-test summary');
    expect(err.message).toContain('"metrics" is missing');
  });

  it('says first that a runner log could not be fetched, naming the pod, the HTTP status and the API server\'s message', async () => {
    const logError = { status: 400, message: 'container "k6" in pod "k6-a" is waiting to start: ContainerCreating' };
    const cluster = new FakeCluster({ statuses: [DONE], runners: [pod('k6-a', '', { logError })] });
    const err = (await readRunResults(cluster, request(), new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err.kind).toBe('logs');
    expect(err.message).toMatch(
      /^k6 Job perflab-runtime-go\/k6-runtime-go-1a2b3c4d finished but the log of pod perflab-runtime-go\/k6-a could not be fetched: the API server answered HTTP 400: container "k6" in pod "k6-a" is waiting to start: ContainerCreating/,
    );
    expect(err.message).not.toContain('no summary marker');
    const failed = new FakeCluster({ statuses: [{ state: 'failed', reason: 'BackoffLimitExceeded' }], runners: [pod('k6-a', '', { phase: 'Failed', exitCode: 1, logError: { status: 500, message: 'etcdserver: request timed out' } })] });
    const why = ((await readRunResults(failed, request(), new FakeClock()).catch((e) => e)) as RunFailedError).message;
    expect(why).toContain('thresholds unknown: the log of pod perflab-runtime-go/k6-a could not be fetched: the API server answered HTTP 500: etcdserver: request timed out');
    expect(why).toContain('  | (log not fetched: HTTP 500: etcdserver: request timed out)');
  });

  it('fails when the runner does not exist', async () => {
    const cluster = new FakeCluster({ statuses: [undefined], runners: [] });
    const err = (await readRunResults(cluster, request(), new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err.kind).toBe('missing');
    expect(err.message).toContain('k6 Job perflab-runtime-go/k6-runtime-go-1a2b3c4d does not exist');
  });

  it('survives a few failed status reads, then gives up naming the kubeconfig', async () => {
    const flaky = new FakeCluster({ statuses: [DONE], runners: [pod('k6-a', runnerLog('k6-summary-pass.json'))], statusErrors: 2 });
    await expect(readRunResults(flaky, request(), new FakeClock())).resolves.toBeDefined();
    const down = new FakeCluster({ statuses: [DONE], runners: [], statusErrors: 100 });
    const err = (await readRunResults(down, request(), new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err.kind).toBe('api');
    expect(err.message).toContain('cannot read k6 Job perflab-runtime-go/k6-runtime-go-1a2b3c4d from the Kubernetes API (5 attempts in a row): connect ECONNREFUSED');
    expect(err.message).toContain('KUBECONFIG');
  });
});

describe('readRunResults: a distributed TestRun', () => {
  const req = request({ runner: { kind: 'TestRun', name: 'k6-runtime-go-1a2b3c4d', selector: { 'perflab.dev/run': 'runtime-go-1a2b3c4d' }, parallelism: 2 } });

  it('merges every runner summary, exact counts and percentile ranges', async () => {
    const finished = testRunStatusOf(JSON.parse(fixture('testrun-finished.json')));
    const cluster = new FakeCluster({
      statuses: [{ state: 'pending', reason: 'stage initialization' }, finished],
      runners: [pod('k6-1-abc', runnerLog('k6-summary-runner-a.json')), pod('k6-2-def', runnerLog('k6-summary-runner-b.json'))],
    });
    const { runResult } = await readRunResults(cluster, req, new FakeClock());
    expect(cluster.calls[0]).toBe('testRunStatus perflab-runtime-go/k6-runtime-go-1a2b3c4d');
    expect(runResult.throughput.totalRequests).toBe(53000);
    expect(runResult.errors.total).toBe(10);
    expect(runResult.latency.min).toBe(0.18);
    expect(runResult.latency.max).toBe(250);
    expect(runResult.latency.p95).toBe(12);
    expect(runResult.latency.percentileRanges?.p95).toEqual([9.8, 12]);
    expect(runResult.notes.join('\n')).toContain('latency percentiles of 2 k6 runners are [lowest, highest] ranges');
    expect(runResult.notes[0]).toContain('as a TestRun with 2 runners');
  });

  it('fails when a runner exited non-zero (not 99) even though the TestRun finished', async () => {
    const cluster = new FakeCluster({
      statuses: [{ state: 'succeeded', reason: 'finished' }],
      runners: [pod('k6-1-abc', runnerLog('k6-summary-runner-a.json')), pod('k6-2-def', runnerLog('k6-summary-failed-p95.json'), { phase: 'Failed', exitCode: 107 })],
    });
    const err = (await readRunResults(cluster, req, new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err.message).toContain('runner pod k6-2-def exited with code 107');
    expect(err.message).toContain('k6-2-def: http_req_duration p(95)<500 (observed 612.3)');
  });

  // k6-operator v1.1.1 internal/controller/k6_finish.go counts failed runner Jobs but still moves
  // the TestRun to `finished`; a runner's exit 99 is its threshold verdict.
  it('records a TestRun whose runner exited 99 as measured and failed, naming the runner', async () => {
    const cluster = new FakeCluster({
      statuses: [{ state: 'succeeded', reason: 'finished' }],
      runners: [pod('k6-1-abc', runnerLog('k6-summary-runner-a.json')), pod('k6-2-def', runnerLog('k6-summary-failed-p95.json'), { phase: 'Failed', exitCode: 99 })],
    });
    const { runResult } = await readRunResults(cluster, req, new FakeClock());
    expect(runResult.thresholdsPassed).toBe(false);
    expect(runResult.notes.join('\n')).toContain('k6 exited 99 (thresholds failed) on k6-2-def after writing its summary: k6-2-def: http_req_duration p(95)<500 (observed 612.3)');
  });

  it('fails when fewer summaries than runners arrived', async () => {
    const cluster = new FakeCluster({ statuses: [{ state: 'succeeded' }], runners: [pod('k6-1-abc', runnerLog('k6-summary-runner-a.json'))] });
    await expect(readRunResults(cluster, req, new FakeClock())).rejects.toThrow('expected 2 runner summaries, found 1 (pods: k6-1-abc)');
  });
});

describe('the real client mappers', () => {
  it('reads Job status objects', () => {
    expect(jobStatusOf(JSON.parse(fixture('job-complete.json')))).toEqual({ state: 'succeeded', startTime: '2026-11-25T12:00:00.000Z', completionTime: '2026-11-25T12:03:12.000Z' });
    expect(jobStatusOf(JSON.parse(fixture('job-running.json')))).toEqual({ state: 'running', startTime: '2026-11-25T12:00:00.000Z' });
    expect(jobStatusOf(JSON.parse(fixture('job-failed-deadline.json')))).toMatchObject({ state: 'failed', reason: 'DeadlineExceeded', completionTime: '2026-11-25T12:05:01.000Z' });
    expect(jobStatusOf({ metadata: { name: 'x' } })).toEqual({ state: 'pending' });
  });

  it('reads why a pod log could not be fetched from a client-node ApiException (the API server\'s Status message)', () => {
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'container "k6" in pod "k6-a" is waiting to start: ContainerCreating', reason: 'BadRequest', code: 400 });
    const apiException = Object.assign(new Error(`HTTP-Code: 400\nMessage: Unknown API Status Code!\nBody: ${JSON.stringify(body)}\nHeaders: {}`), { code: 400, body, headers: {} });
    expect(logFetchErrorOf(apiException)).toEqual({ status: 400, message: 'container "k6" in pod "k6-a" is waiting to start: ContainerCreating' });
    expect(logFetchErrorOf(Object.assign(new Error('HTTP-Code: 502\nMessage: Unknown API Status Code!\nBody: "Bad Gateway"'), { code: 502, body: 'Bad Gateway' }))).toEqual({ status: 502, message: 'Bad Gateway' });
    expect(logFetchErrorOf(new Error('connect ECONNREFUSED 127.0.0.1:6443'))).toEqual({ message: 'connect ECONNREFUSED 127.0.0.1:6443' });
  });

  it('treats a Job with FailureTarget=True and no Failed condition yet (Kubernetes >= 1.31) as failed, with its reason and message', () => {
    const job = JSON.parse(fixture('job-failed-deadline.json'));
    job.status.conditions = job.status.conditions.filter((c: { type: string }) => c.type !== 'Failed');
    expect(jobStatusOf(job)).toEqual({
      state: 'failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline', startTime: '2026-11-25T12:00:00.000Z', completionTime: '2026-11-25T12:05:00.000Z',
    });
    job.status.conditions[0].status = 'False';
    expect(jobStatusOf(job).state).toBe('running');
  });

  it('reads TestRun stages', () => {
    expect(testRunStatusOf(JSON.parse(fixture('testrun-finished.json'))).state).toBe('succeeded');
    expect(testRunStatusOf({ status: { stage: 'started' } }).state).toBe('running');
    expect(testRunStatusOf({ status: { stage: 'error', conditions: [{ message: 'initializer failed' }] } })).toMatchObject({ state: 'failed', message: 'initializer failed' });
    expect(testRunStatusOf({}).state).toBe('pending');
  });

  it('reads a PodMetricsList', () => {
    expect(podMetricsOf(JSON.parse(fixture('pod-metrics.json')))).toEqual([
      { pod: 'runtime-go-7d9c5b6f4-x2k8p', timestamp: '2026-11-25T12:01:17Z', windowSeconds: 15.021, cpuCores: expect.closeTo(0.231487113, 12), memoryBytes: 12840 * 1024 },
      { pod: 'runtime-go-7d9c5b6f4-q9w3z', timestamp: '2026-11-25T12:01:16Z', windowSeconds: 60, cpuCores: 0.25, memoryBytes: 16 * 1024 * 1024 },
    ]);
  });

  it('reads a Node', () => {
    expect(nodeInfoOf(JSON.parse(fixture('node-k3s.json')))).toEqual(k3sNode());
    expect(k3sNode()).toMatchObject({ name: 'lab-1', instanceType: 'k3s', cpuCores: 4, architecture: 'amd64' });
  });

  it('parses quantities and durations as the API writes them', () => {
    expect(parseQuantity('250m')).toBe(0.25);
    expect(parseQuantity('1500000n')).toBeCloseTo(0.0015, 10);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1Gi')).toBe(1024 ** 3);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(() => parseQuantity('12 cores')).toThrow('not a Kubernetes quantity: "12 cores"');
    expect(parseGoDuration('1m0.5s')).toBe(60.5);
    expect(parseGoDuration('500ms')).toBe(0.5);
  });
});

describe('readRunResults: PodMetrics only while k6 runs', () => {
  it('does not sample while the k6 pod is still pending (image pull)', async () => {
    const cluster = new FakeCluster({
      statuses: [RUNNING, RUNNING, DONE],
      runners: [pod('k6-a', runnerLog('k6-summary-pass.json'))],
      runnerPhaseWhileRunning: 'Pending',
      sutMetrics: [[sample('api-1', '2026-11-25T12:00:15Z', 0.01, 20e6)]],
    });
    const { runResult } = await readRunResults(cluster, request(), new FakeClock());
    expect(cluster.calls.filter((c) => c.startsWith('podMetrics'))).toEqual([]);
    expect(runResult.resources).toEqual([]);
    expect(runResult.notes.join('\n')).toContain('no resource figures: no PodMetrics sample was taken while k6 ran');
  });
});
