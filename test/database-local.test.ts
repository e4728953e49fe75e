/**
 * The database experiment's local target against REAL servers: throwaway PostgreSQL and MariaDB
 * from the Debian packages, pgbench and sysbench for a few seconds at a small scale. Skipped,
 * saying which apt packages to install, when the servers or tools are not installed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { databaseExperiment } from '../experiments/database/experiment';
import { runDatabaseLocalWith } from '../experiments/database/local-run';
import { startMariadb } from '../experiments/database/local/servers';
import { SERVER_TOOLS, WORKLOAD_TOOLS, missingTools } from '../experiments/database/local/tools';
import { parseDbUrl } from '../experiments/database/local/user-server';
import { ConfigError } from '../src/config/errors';
import { LoadProfileSchema } from '../src/load/profile';
import { resolveProfile } from '../src/load/resolve';
import { LocalRunOptions } from '../src/local/local-target';
import { ProgressReporter } from '../src/local/progress';
import { readRunResult } from '../src/results/store';

const missing = missingTools([...SERVER_TOOLS.postgres, ...SERVER_TOOLS.mariadb, WORKLOAD_TOOLS.pgbench, WORKLOAD_TOOLS.sysbench]);
const APT = 'apt-get install postgresql postgresql-client mariadb-server mariadb-client sysbench';
if (missing.length) {
  // eslint-disable-next-line no-console
  console.warn(`database local-run tests skipped: ${missing.map((m) => m.name).join(', ')} not installed — ${APT}`);
}
const realIt = missing.length ? it.skip : it;

const profile = resolveProfile(
  LoadProfileSchema.parse({ name: 'db-test', startTarget: 4, stages: [{ durationSeconds: 3, target: 4 }], thresholds: { maxErrorRate: 0.05 } }),
  databaseExperiment.defaultRequestMix,
);
const small = { scale: 1, tables: 2, tableSize: 5000, warmupSeconds: 1 };

function recorder(): ProgressReporter & { lines: string[] } {
  const lines: string[] = [];
  return { lines, step: (m) => lines.push(m), update: (m) => lines.push(m), done: () => undefined };
}

function options(resultsDir: string, progress: ProgressReporter, extra: Partial<LocalRunOptions> = {}): LocalRunOptions {
  return {
    profile,
    resultsDir,
    progress,
    driver: { info: { name: 'unused', version: '0' }, drive: () => Promise.reject(new Error('database workloads bring their own tools')) },
    ...extra,
  };
}

/** Processes and folders this test's servers left under `root` (their own temp root; other suites run servers too). */
function leftovers(root: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  const procs = ps.split('\n').filter((l) => l.includes(root));
  const dirs = fs.readdirSync(root).filter((d) => /^perflab-(pg|mariadb|db-work)-/.test(d));
  return [...procs, ...dirs];
}

describe('database experiment, local target (real PostgreSQL and MariaDB)', () => {
  let dir: string;
  let tempRoot: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-dbtest-'));
    tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-dbtest-tmp-'));
    fs.chmodSync(tempRoot, 0o755);
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(tempRoot, { recursive: true, force: true });
  });

  realIt('runs pgbench and sysbench on both servers and stores RunResults with TPS and ordered percentiles', async () => {
    const progress = recorder();
    const outcomes = await runDatabaseLocalWith(options(dir, progress), { workloads: ['pgbench-tpcb', 'pgbench-write-heavy', 'oltp-read-only', 'oltp-write-only'], config: small, env: {}, tempRoot });
    expect(outcomes.map((o) => [o.variant, o.status, o.reason])).toEqual([
      ['postgres', 'measured', undefined],
      ['mariadb', 'measured', undefined],
    ]);
    const results = outcomes.flatMap((o) => o.results);
    expect(results.map((r) => r.label)).toEqual(['postgres/pgbench-tpcb', 'postgres/pgbench-write-heavy', 'postgres/oltp-read-only', 'postgres/oltp-write-only', 'mariadb/oltp-read-only', 'mariadb/oltp-write-only']);
    for (const r of results) {
      expect(r.throughput.transactionsPerSecond).toBeGreaterThan(0);
      expect(r.latency.count).toBeGreaterThan(0);
      expect(r.latency.p50).toBeLessThanOrEqual(r.latency.p90);
      expect(r.latency.p90).toBeLessThanOrEqual(r.latency.p95);
      expect(r.latency.p95).toBeLessThanOrEqual(r.latency.p99);
      expect(r.latency.p99).toBeLessThanOrEqual(r.latency.max);
      expect(r.resources).toHaveLength(1);
      expect(r.resources[0].cpuCoreSeconds).toBeGreaterThan(0);
      expect(r.resources[0].memoryPeakBytes).toBeGreaterThan(1024 * 1024);
      expect(r.cost?.unit).toBe('transactions');
      expect(Object.keys(r.environment.toolVersions)).toEqual(expect.arrayContaining(['pgbench', 'sysbench']));
    }
    const files = outcomes.flatMap((o) => o.files);
    expect(files).toHaveLength(6);
    for (const f of files) expect(readRunResult(f).experiment).toBe('database');
    expect(leftovers(tempRoot)).toEqual([]);
  }, 300000);

  realIt('stops the server and stores nothing partial when aborted mid-run (Ctrl-C)', async () => {
    const progress = recorder();
    const controller = new AbortController();
    const timer = setInterval(() => {
      if (progress.lines.some((l) => l.includes('measuring'))) {
        controller.abort();
        clearInterval(timer);
      }
    }, 50);
    const outcomes = await runDatabaseLocalWith(options(dir, progress, { variants: ['postgres'], signal: controller.signal }), { workloads: ['oltp-read-only'], config: small, env: {}, tempRoot });
    clearInterval(timer);
    expect(controller.signal.aborted).toBe(true);
    expect(outcomes.flatMap((o) => o.files)).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'database'))).toBe(false);
    expect(leftovers(tempRoot)).toEqual([]);
  });

  realIt("uses the user's own server from a URL, password from MYSQL_PWD, never printed or stored", async () => {
    const server = await startMariadb();
    const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
    const saved = process.env.MYSQL_PWD;
    try {
      const sql = `CREATE USER 'bench'@'%' IDENTIFIED BY '${password}'; GRANT ALL ON perflab.* TO 'bench'@'%';`;
      const created = spawnSync('mariadb', ['--no-defaults', '-h', server.endpoint.host, '-P', server.endpoint.port, '-u', 'root', '-e', sql], { encoding: 'utf8' });
      expect(created.status).toBe(0);
      process.env.MYSQL_PWD = password;
      const progress = recorder();
      const url = `mysql://bench@${server.endpoint.host}:${server.endpoint.port}/perflab`;
      const outcomes = await runDatabaseLocalWith(options(dir, progress, { variants: ['mariadb'] }), { workloads: ['oltp-read-only'], config: small, env: { PERFLAB_DB_URL_MARIADB: url } });
      expect([outcomes[0].status, outcomes[0].reason]).toEqual(['measured', undefined]);
      const r = outcomes[0].results[0];
      expect(r.throughput.transactionsPerSecond).toBeGreaterThan(0);
      expect(r.resources).toEqual([]);
      expect(progress.lines.join('\n')).toContain('bench@127.0.0.1');
      expect(progress.lines.join('\n')).not.toContain(password);
      expect(fs.readFileSync(outcomes[0].files[0], 'utf8')).not.toContain(password);
      // The user's server keeps no benchmark tables afterwards.
      const tables = spawnSync('mariadb', ['--no-defaults', '-h', server.endpoint.host, '-P', server.endpoint.port, '-u', 'root', '-N', '-e', 'SHOW TABLES FROM perflab'], { encoding: 'utf8' });
      expect(tables.stdout.trim()).toBe('');
    } finally {
      if (saved === undefined) delete process.env.MYSQL_PWD;
      else process.env.MYSQL_PWD = saved;
      await server.stop();
    }
  });

  it('refuses cluster variants, unknown workloads and URLs that carry a password (without echoing it)', async () => {
    await expect(runDatabaseLocalWith(options(dir, recorder(), { variants: ['cnpg'] }), { env: {} })).rejects.toThrow(/the local target runs postgres, mariadb; cnpg runs on a cluster/);
    await expect(runDatabaseLocalWith(options(dir, recorder()), { env: { PERFLAB_DB_WORKLOAD: 'oltp-read-only,ycsb' } })).rejects.toThrow(/PERFLAB_DB_WORKLOAD: "ycsb" is not one of/);
    await expect(runDatabaseLocalWith(options(dir, recorder(), { variants: ['mariadb'] }), { workloads: ['pgbench-tpcb'], env: {} })).rejects.toThrow(/pgbench-tpcb runs on none of the variants mariadb/);
    let err: unknown;
    try {
      parseDbUrl('postgres', 'postgres://bench:hunter2@db.example:5432/perflab', 'PERFLAB_DB_URL_POSTGRES');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/carries a password; leave it out and set PGPASSWORD/);
    expect((err as Error).message).not.toContain('hunter2');
    expect(parseDbUrl('postgres', 'postgresql://bench@db.example/perflab', 'x')).toEqual({ engine: 'postgres', host: 'db.example', port: '5432', user: 'bench', database: 'perflab' });
  });
});
