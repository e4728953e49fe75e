/**
 * The cluster workload Job's script, run for real with sh against throwaway local servers (the
 * container's folders mapped to temp dirs), and its log read by the database results reader
 * through a fake cluster client — the same path a k3s run takes from pod log to RunResult.
 * Skipped, naming the apt packages, when the servers or tools are not installed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jobLogSections } from '../experiments/database/cluster/job-log';
import { readDatabaseRunResults } from '../experiments/database/cluster/results-reader';
import { DatabaseResultsRequest } from '../experiments/database/cluster/request';
import { databaseExperiment } from '../experiments/database/experiment';
import { JOB_PATHS, jobScript } from '../experiments/database/manifests/job-script';
import { LocalDbServer, startMariadb, startPostgres } from '../experiments/database/local/servers';
import { SERVER_TOOLS, WORKLOAD_TOOLS, missingTools } from '../experiments/database/local/tools';
import { buildTpccStyle, tpccStyleAvailable } from '../experiments/database/local/tpcc-style-binary';
import { PGBENCH_SCRIPTS, pgbenchScriptFile } from '../experiments/database/pgbench-scripts';
import { planRun } from '../experiments/database/run-plan';
import { WorkloadName, workloads } from '../experiments/database/workloads';
import { RunFailedError } from '../src/cluster/await-runner';
import { ClusterClient, NodeInfo, PodInfo } from '../src/cluster/cluster-client';
import { LoadProfileSchema } from '../src/load/profile';
import { resolveProfile } from '../src/load/resolve';

const missing = missingTools([...SERVER_TOOLS.postgres, ...SERVER_TOOLS.mariadb, WORKLOAD_TOOLS.pgbench, WORKLOAD_TOOLS.sysbench]);
if (missing.length) {
  // eslint-disable-next-line no-console
  console.warn(`database Job-script tests skipped: ${missing.map((m) => m.name).join(', ')} not installed — apt-get install postgresql postgresql-client mariadb-server mariadb-client sysbench`);
}
const realIt = missing.length ? it.skip : it;

const profile = resolveProfile(LoadProfileSchema.parse({ name: 'job-test', startTarget: 3, stages: [{ durationSeconds: 3, target: 3 }], thresholds: { maxErrorRate: 0.05 } }), databaseExperiment.defaultRequestMix);
const plan = planRun(profile, { warmupSeconds: 1 });
const size = { scale: 1, tables: 2, tableSize: 5000, warehouses: 1 };

/** Runs the Job script of `workload` against `server` (`opts.binDir` first on PATH, as the image's /usr/local/bin); returns the log and the exit code. */
function runJob(workload: WorkloadName, server: LocalDbServer, waitSeconds = 30, opts: { createDatabase?: boolean; database?: string; binDir?: string } = {}): { log: string; status: number | null } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-dbjob-'));
  const scripts = path.join(root, 'scripts');
  const work = path.join(root, 'work');
  fs.mkdirSync(scripts);
  fs.mkdirSync(work);
  const script = jobScript({ workload: workloads[workload], engine: server.engine, plan, size, tpccDir: '/opt/sysbench-tpcc', waitSeconds, createDatabase: opts.createDatabase })
    .split(`${JOB_PATHS.scripts}/`).join(`${scripts}/`)
    .split(`${JOB_PATHS.work}/`).join(`${work}/`);
  fs.writeFileSync(path.join(scripts, 'run.sh'), script);
  for (const [n, t] of Object.entries(PGBENCH_SCRIPTS)) fs.writeFileSync(path.join(scripts, pgbenchScriptFile(n)), t);
  const e = server.endpoint;
  const r = spawnSync('sh', [path.join(scripts, 'run.sh')], {
    encoding: 'utf8',
    timeout: 120000,
    env: { PATH: [opts.binDir, process.env.PATH ?? '/usr/bin:/bin'].filter(Boolean).join(path.delimiter), DB_HOST: e.host, DB_PORT: e.port, DB_USER: e.user, DB_NAME: opts.database ?? e.database, DB_PASSWORD: '' },
  });
  fs.rmSync(root, { recursive: true, force: true });
  return { log: `${r.stdout}${r.stderr}`, status: r.status };
}

function request(workload: WorkloadName, variant: string): DatabaseResultsRequest {
  return {
    namespace: 'perflab-database-x', runId: `database-${variant}-0123abcd`, label: `db-${variant}`, experiment: 'database', variant, target: 'k3s', workload, plan,
    job: { name: 'db-bench-x', selector: { 'app.kubernetes.io/name': 'db-bench' } }, databaseSelector: { 'app.kubernetes.io/name': 'postgres' }, databaseComponent: 'postgres',
    profile, timeoutSeconds: 60, pollSeconds: 1, image: 'perflab/db-bench:0.1.0', notes: ['database: test'],
  };
}

/** A cluster whose Job has finished with `log`. */
function finishedCluster(log: string, exitCode: number, databasePods: PodInfo[] = [], nodes: NodeInfo[] = []): ClusterClient {
  const now = new Date().toISOString();
  return {
    jobStatus: async () => (exitCode === 0 ? { state: 'succeeded', startTime: now, completionTime: now } : { state: 'failed', reason: 'BackoffLimitExceeded', startTime: now, completionTime: now }),
    testRunStatus: async () => undefined,
    pods: async () => databasePods,
    podLogs: async () => [{ name: 'db-bench-x-abcde', phase: exitCode === 0 ? 'Succeeded' : 'Failed', exitCode, nodeName: 'node-1', log }],
    podMetrics: async () => undefined,
    nodes: async () => nodes,
  };
}

const clock = { now: () => Date.now(), sleep: async () => undefined };

describe('database workload Job script (run with sh against real servers)', () => {
  const servers: LocalDbServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  realIt('pgbench on PostgreSQL: the log carries the report and the folded histogram; the reader makes a RunResult of it', async () => {
    const pg = await startPostgres();
    servers.push(pg);
    const { log, status } = runJob('pgbench-tpcb', pg);
    expect({ status, tail: status === 0 ? '' : log.slice(-2000) }).toEqual({ status: 0, tail: '' });
    const sections = jobLogSections(log, 'test');
    expect(sections).toMatchObject({ workload: 'pgbench-tpcb', tool: 'pgbench', exitCode: 0 });
    expect(sections.startedAtEpoch).toBeGreaterThan(1.7e9);
    const { runResult, headline } = await readDatabaseRunResults(finishedCluster(log, 0), request('pgbench-tpcb', 'cnpg'), clock);
    expect(runResult.throughput.transactionsPerSecond).toBeGreaterThan(0);
    expect(runResult.latency.count).toBe(runResult.throughput.totalTransactions);
    expect(runResult.latency.p50).toBeLessThanOrEqual(runResult.latency.p95);
    expect(runResult.latency.p95).toBeLessThanOrEqual(runResult.latency.p99);
    expect(runResult.id.startsWith('database-cnpg-0123abcd-')).toBe(true);
    expect(runResult.loadGenerator.name).toBe('pgbench');
    expect(headline.rps).toBe(runResult.throughput.transactionsPerSecond);
    expect(runResult.notes.join('\n')).toMatch(/no database resource figures/);
  });

  realIt('sysbench on MariaDB', async () => {
    const my = await startMariadb();
    servers.push(my);
    const { log, status } = runJob('oltp-read-only', my);
    expect({ status, tail: status === 0 ? '' : log.slice(-2000) }).toEqual({ status: 0, tail: '' });
    // The database pod as the API reports it: scheduled 11:58:01, Ready 11:58:13, its image on the node.
    const dbPod: PodInfo = {
      name: 'perflab-db-0', nodeName: 'node-1', phase: 'Running', restarts: 0,
      scheduledAt: '2026-11-25T11:58:01.000Z', readyAt: '2026-11-25T11:58:13.000Z',
      containerImages: [{ name: 'mariadb', image: 'docker.io/library/mariadb:11.4.7', imageID: 'docker.io/library/mariadb@sha256:0f3e' }],
    };
    const node = { name: 'node-1', kernelVersion: 'k', osImage: 'o', architecture: 'amd64', containerRuntimeVersion: 'containerd://2.0.5', kubeletVersion: 'v1.33.2', cpuCores: 4, memoryBytes: 8e9, labels: {}, annotations: {}, images: [{ names: ['docker.io/library/mariadb:11.4.7'], sizeBytes: 112_000_000 }] };
    const { runResult } = await readDatabaseRunResults(finishedCluster(log, 0, [dbPod], [node]), request('oltp-read-only', 'mariadb-operator'), clock);
    expect(runResult.loadGenerator.name).toBe('sysbench');
    expect(runResult.throughput.transactionsPerSecond).toBeGreaterThan(0);
    expect(runResult.latency.p95).toBeGreaterThan(0);
    expect(runResult.coldStartMs).toBe(12000);
    expect(runResult.imageSize).toEqual({ bytes: 112_000_000, source: 'node-image', ref: 'docker.io/library/mariadb:11.4.7' });
    expect(runResult.notes.filter((n) => /^database (cold start|image size):/.test(n))).toHaveLength(2);
  });

  realIt('creates the database first when asked (an InnoDBCluster has none), then runs the workload in it', async () => {
    const my = servers.find((s) => s.engine === 'mysql') as LocalDbServer;
    const database = `perflab_created_${process.pid}`;
    const { log, status } = runJob('oltp-read-only', my, 30, { createDatabase: true, database });
    expect({ status, tail: status === 0 ? '' : log.slice(-2000) }).toEqual({ status: 0, tail: '' });
    expect(log).toContain(`perflab-db: creating database ${database}`);
    const e = my.endpoint;
    const show = spawnSync('mariadb', ['--no-defaults', '-h', e.host, '-P', e.port, '-u', e.user, '-N', '-e', `SHOW TABLES FROM \`${database}\``], { encoding: 'utf8' });
    expect(show.stdout.split('\n').filter(Boolean).sort()).toEqual(['sbtest1', 'sbtest2']);
    spawnSync('mariadb', ['--no-defaults', '-h', e.host, '-P', e.port, '-u', e.user, '-e', `DROP DATABASE \`${database}\``]);
  });

  (tpccStyleAvailable() ? realIt : it.skip)('tpcc-style on MariaDB: tpccstyle\'s result line between the markers becomes a RunResult with one endpoint per transaction type', async () => {
    const my = servers[1] ?? (await startMariadb());
    if (!servers.includes(my)) servers.push(my);
    const binary = await buildTpccStyle();
    const { log, status } = runJob('tpcc-style', my, 30, { binDir: path.dirname(binary) });
    expect({ status, tail: status === 0 ? '' : log.slice(-2000) }).toEqual({ status: 0, tail: '' });
    expect(jobLogSections(log, 'test')).toMatchObject({ workload: 'tpcc-style', tool: 'tpccstyle', exitCode: 0 });
    const { runResult } = await readDatabaseRunResults(finishedCluster(log, 0), request('tpcc-style', 'mariadb-operator'), clock);
    expect(runResult.loadGenerator.name).toBe('tpccstyle');
    expect(runResult.endpoints.map((e) => e.name)).toEqual(['new-order', 'payment', 'order-status', 'delivery', 'stock-level']);
    expect(runResult.endpoints.reduce((a, e) => a + e.requests, 0)).toBe(runResult.throughput.totalTransactions);
    expect(runResult.latency.count).toBe(runResult.throughput.totalTransactions);
    expect(runResult.notes.join('\n')).toMatch(/tpmC-style \(TPC-C-style, not TPC-C\): [\d.]+ committed new-order transactions per minute with 1 warehouse/);
  }, 180_000);

  realIt('fails with the Job\'s own words when the database never answers', async () => {
    const gone: LocalDbServer = { ...(servers[0] as LocalDbServer), endpoint: { ...(servers[0] as LocalDbServer).endpoint, port: '1' } };
    const { log, status } = runJob('pgbench-tpcb', gone, 5);
    expect(status).toBe(1);
    expect(log).toMatch(/perflab-db: FAILED: the database at 127.0.0.1:1 did not answer within 5 s/);
    const read = readDatabaseRunResults(finishedCluster(log, 1), request('pgbench-tpcb', 'cnpg'), clock);
    await expect(read).rejects.toThrow(RunFailedError);
    await expect(read).rejects.toThrow(/workload Job perflab-database-x\/db-bench-x failed: BackoffLimitExceeded[\s\S]*did not answer within 5 s/);
  });
});

describe('database results reader without the Job\'s log', () => {
  it('says first that the log could not be fetched, naming the pod, the HTTP status and the API server\'s message', async () => {
    const logError = { status: 400, message: 'container "bench" in pod "db-bench-x-abcde" is waiting to start: PodInitializing' };
    const cluster: ClusterClient = { ...finishedCluster('', 0), podLogs: async () => [{ name: 'db-bench-x-abcde', phase: 'Succeeded', exitCode: 0, log: '', logError }] };
    const read = readDatabaseRunResults(cluster, request('pgbench-tpcb', 'cnpg'), clock);
    await expect(read).rejects.toThrow(
      /^workload Job perflab-database-x\/db-bench-x finished but the log of pod perflab-database-x\/db-bench-x-abcde could not be fetched: the API server answered HTTP 400: container "bench" in pod "db-bench-x-abcde" is waiting to start: PodInitializing$/,
    );
  });
});
