/**
 * What the load tools "print" in the cluster suite. kwok's nodes run no containers, so each
 * runner pod's log is a recorded fixture of the real tool's output (test/fixtures/), served by
 * kwok through a ClusterLogs object in the CRI log format it requires. Results built from them
 * prove the plumbing — pod log → reader → RunResult → stack outputs — never performance.
 *
 * Where a stack's workload or scenario has no recorded output, the suite sets one that has
 * (`config`), and says so in the test name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fixture as clusterFixture, runnerLog } from '../fixtures/cluster/fake-cluster';
import { JOB_MARKERS } from '../../experiments/database/manifests/job-script';
import { KubeHttp } from './kube-http';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

/** One container's log in one namespace. */
export interface FixtureLog {
  readonly containers: readonly string[];
  /** The plain log text (one line per line). */
  readonly text: string;
  /** The recorded file(s) it comes from, for messages. */
  readonly source: string;
}

/** A Service a platform team would have installed (e.g. a cost tool's API), with no pods behind it. */
export interface InstalledService {
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
}

/** What a stack's runner pods print in the suite, and the config that makes the stack match it. */
export interface StackFixture {
  readonly logs: readonly FixtureLog[];
  /** Config set on top of the stack file. @default none */
  readonly config?: Readonly<Record<string, string>>;
  /** Services the stack expects installed (operators: preinstalled). @default none */
  readonly services?: readonly InstalledService[];
}

const k6Summary = 'k6-summary-pass.json';

/** The k6 summary fixture's figures, as the reader should report them. */
export function k6SummaryFixture(): { p95Ms: number; p99Ms: number; rps: number } {
  const s = JSON.parse(clusterFixture(k6Summary)) as { metrics: Record<string, { values: Record<string, number> }> };
  const d = s.metrics.http_req_duration.values;
  return { p95Ms: d['p(95)'], p99Ms: d['p(99)'], rps: s.metrics.http_reqs.values.rate };
}

function k6Log(): FixtureLog {
  return { containers: ['k6'], text: runnerLog(k6Summary), source: `test/fixtures/cluster/runner-log.txt + ${k6Summary}` };
}

/** The last line k6 prints when a threshold fails (it then exits with code 99). */
export const K6_THRESHOLD_ERROR = 'time="2026-11-25T12:03:11Z" level=error msg="thresholds on metrics \'http_req_duration\' have been crossed"';

/** A k6 run whose p95 threshold failed: the runner pod exits 99 in the namespace the suite's kwok stages fail. */
export function failedK6Fixture(): StackFixture {
  return { logs: [{ containers: ['k6'], text: runnerLog('k6-summary-failed-p95.json', K6_THRESHOLD_ERROR), source: 'test/fixtures/cluster/k6-summary-failed-p95.json' }] };
}

/** A database Job's log around a recorded tool output (the markers job-script.ts prints). */
function databaseJobLog(workload: string, tool: 'pgbench' | 'sysbench', outFile: string, histFile?: string): FixtureLog {
  const read = (f: string) => fs.readFileSync(path.join(FIXTURES, 'database', f), 'utf8');
  const parts = [`${JOB_MARKERS.begin} workload=${workload} tool=${tool} at=${Math.floor(Date.now() / 1000) - 5} ===`, read(outFile).trimEnd()];
  if (histFile) parts.push(JOB_MARKERS.histogram, read(histFile).trimEnd());
  parts.push(`${JOB_MARKERS.end} exit=0 ===`);
  return { containers: ['bench'], text: `${parts.join('\n')}\n`, source: `test/fixtures/database/${outFile}` };
}

function messagingLog(file: string): FixtureLog {
  return { containers: ['mqbench'], text: fs.readFileSync(path.join(FIXTURES, 'messaging', file), 'utf8'), source: `test/fixtures/messaging/${file}` };
}

/**
 * The fixture for a stack of `experiment` / `variant`. A stack with its own cost tool (costTool)
 * finds that tool's Service installed — with no pods behind it, so its API does not answer and
 * the run's cost is modelled, saying why; the suite shortens the scrape settle wait for it.
 */
export function stackFixture(experiment: string, variant: string, costTool = 'none'): StackFixture {
  if (costTool !== 'none') {
    const service = costTool === 'kubecost' ? { namespace: 'kubecost', name: 'kubecost-cost-analyzer', port: 9090 } : { namespace: 'opencost', name: 'opencost', port: 9003 };
    return { ...stackFixture(experiment, variant), services: [service], config: { 'perflab:costSettleSeconds': '1' } };
  }
  switch (experiment) {
    case 'runtime':
    case 'mesh':
      return { logs: [k6Log()] };
    case 'full-stack':
      return {
        logs: [k6Log(), { containers: ['opentelemetry-collector', 'otel-collector'], text: fs.readFileSync(path.join(FIXTURES, 'full-stack', 'collector-log.txt'), 'utf8'), source: 'test/fixtures/full-stack/collector-log.txt' }],
      };
    case 'database':
      return variant === 'cnpg'
        ? { logs: [databaseJobLog('pgbench-tpcb', 'pgbench', 'pgbench-tpcb.out', 'pgbench-tpcb.hist')], config: { 'perflab:workload': 'pgbench-tpcb' } }
        : { logs: [databaseJobLog('oltp-read-only', 'sysbench', 'sysbench-oltp-read-only-mariadb.out')], config: { 'perflab:workload': 'oltp-read-only' } };
    case 'messaging':
      if (variant === 'nats') return { logs: [messagingLog('nats-max-throughput.jsonl')], config: { 'perflab:scenario': 'max-throughput' } };
      return { logs: [messagingLog(`${variant}-fixed-rate.jsonl`)] };
    default:
      throw new Error(`no cluster-suite fixture for experiment ${experiment}`);
  }
}

/** `text` in the CRI container-log format kwok serves (`<RFC3339Nano> stdout F <line>`). */
export function criLog(text: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${stamp} stdout F ${line}\n`)
    .join('');
}

/**
 * Serves `fixture`'s logs for every pod of `namespace` through kwok ClusterLogs objects (one per
 * log, named after the namespace); returns their names, for cleanup.
 */
export async function serveFixtureLogs(kube: KubeHttp, namespace: string, fixture: StackFixture, dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (const [i, log] of fixture.logs.entries()) {
    const file = path.join(dir, `${namespace}-${i}.log`);
    fs.writeFileSync(file, criLog(log.text));
    const name = `${namespace}-${i}`;
    await kube.apply(`/apis/kwok.x-k8s.io/v1alpha1/clusterlogs/${name}`, {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterLogs',
      metadata: { name },
      spec: { selector: { matchNamespaces: [namespace] }, logs: [{ containers: log.containers, logsFile: file, follow: false }] },
    });
    names.push(name);
  }
  return names;
}

/** Creates the fixture's installed Services (namespace included); returns what to delete afterwards. */
export async function installServices(kube: KubeHttp, fixture: StackFixture): Promise<string[]> {
  const made: string[] = [];
  for (const svc of fixture.services ?? []) {
    await kube.apply(`/api/v1/namespaces/${svc.namespace}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: svc.namespace } });
    await kube.apply(`/api/v1/namespaces/${svc.namespace}/services/${svc.name}`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: svc.name, namespace: svc.namespace },
      spec: { selector: { 'app.kubernetes.io/name': svc.name }, ports: [{ name: 'http', port: svc.port }] },
    });
    made.push(`/api/v1/namespaces/${svc.namespace}`);
  }
  return made;
}

/** Removes ClusterLogs objects made by serveFixtureLogs. */
export async function removeFixtureLogs(kube: KubeHttp, names: readonly string[]): Promise<void> {
  for (const n of names) await kube.delete(`/apis/kwok.x-k8s.io/v1alpha1/clusterlogs/${n}`);
}
