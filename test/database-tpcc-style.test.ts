/**
 * The tpcc-style workload against REAL servers (throwaway PostgreSQL and MariaDB from the Debian
 * packages), 1 warehouse, 4 terminals for a few seconds: the transaction mix each RunResult
 * reports, and the schema's consistency conditions of the TPC-C standard specification 5.11,
 * clause 3.3.2 (conditions 1–10, experiments/database/tpcc-style-checks.ts), queried through the
 * servers' own clients (psql, mariadb) after the run. Skipped, saying what to install, when the
 * server programs or Go are missing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDatabaseRunResult } from '../experiments/database/build-result';
import { runLocalWorkload } from '../experiments/database/local/run-workload';
import { LocalDbServer, startMariadb, startPostgres } from '../experiments/database/local/servers';
import { TPCC_STYLE_INSTALL_HINT, tpccStyleAvailable } from '../experiments/database/local/tpcc-style-binary';
import { SERVER_TOOLS, findTool, missingTools } from '../experiments/database/local/tools';
import { planRun } from '../experiments/database/run-plan';
import { CONSISTENCY_CHECKS } from '../experiments/database/tpcc-style-checks';
import { DbEndpoint } from '../experiments/database/tool-commands';
import { workloads } from '../experiments/database/workloads';
import { databaseExperiment } from '../experiments/database/experiment';
import { LoadProfileSchema } from '../src/load/profile';
import { resolveProfile } from '../src/load/resolve';
import { localEnvironment } from '../src/results/environment';

const missing = missingTools([...SERVER_TOOLS.postgres, ...SERVER_TOOLS.mariadb]);
const skipReason = missing.length
  ? `${missing.map((m) => m.name).join(', ')} not installed — apt-get install postgresql postgresql-client mariadb-server mariadb-client`
  : !tpccStyleAvailable()
    ? TPCC_STYLE_INSTALL_HINT
    : undefined;
if (skipReason) {
  // eslint-disable-next-line no-console
  console.warn(`tpcc-style tests against real servers skipped: ${skipReason}`);
}
const realIt = skipReason ? it.skip : it;

const profile = resolveProfile(
  LoadProfileSchema.parse({ name: 'tpcc-style-test', startTarget: 4, stages: [{ durationSeconds: 6, target: 4 }] }),
  databaseExperiment.defaultRequestMix,
);
const plan = planRun(profile, { warmupSeconds: 1 });

/** The standard mix (TPC-C standard specification 5.11, clause 5.2.3; new-order takes the rest). */
const MIX: Record<string, number> = { 'new-order': 0.45, payment: 0.43, 'order-status': 0.04, delivery: 0.04, 'stock-level': 0.04 };

/** One number a query returns, through the engine's own command-line client. */
function queryNumber(e: DbEndpoint, sql: string): number {
  const r =
    e.engine === 'postgres'
      ? spawnSync(findTool('psql') as string, ['-X', '-A', '-t', '-h', e.host, '-p', e.port, '-U', e.user, '-d', e.database, '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' })
      : spawnSync(findTool('mariadb') as string, ['--no-defaults', '-N', '-B', '-h', e.host, '-P', e.port, '-u', e.user, '-D', e.database, '-e', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${sql}: ${r.stderr}`);
  return Number(r.stdout.trim());
}

async function runOn(start: (root: string) => Promise<LocalDbServer>, tempRoot: string): Promise<void> {
  const server = await start(tempRoot);
  const workDir = fs.mkdtempSync(path.join(tempRoot, 'perflab-db-work-'));
  try {
    const e = server.endpoint;
    const size = { scale: 1, tables: 1, tableSize: 1, warehouses: 1 };
    const o = await runLocalWorkload({
      workload: workloads['tpcc-style'], endpoint: e, plan, size, workDir, serverPid: server.pid, component: 'server', cleanupAfter: false,
      progress: { step: () => undefined, update: () => undefined, done: () => undefined }, tag: e.engine,
    });
    const result = buildDatabaseRunResult(o.report, {
      experiment: 'database', variant: e.engine, target: 'local', workload: 'tpcc-style', profile, plan,
      startedAt: o.startedAt, finishedAt: o.finishedAt, resources: o.resources, environment: localEnvironment('local', {}),
    });

    // The mix: each type's share of the completed transactions within 4.5 binomial standard deviations of its weight.
    expect(result.endpoints.map((x) => x.name)).toEqual(Object.keys(MIX));
    const total = result.endpoints.reduce((a, x) => a + x.requests, 0);
    expect(total).toBe(result.throughput.totalTransactions);
    expect(total).toBeGreaterThan(200);
    for (const x of result.endpoints) {
      const p = MIX[x.name];
      const share = x.requests / total;
      expect({ type: x.name, off: Math.abs(share - p) <= 4.5 * Math.sqrt((p * (1 - p)) / total) }).toEqual({ type: x.name, off: true });
      expect(x.latency.count).toBe(x.requests);
      expect(x.latency.histogram?.data).toBeTruthy();
    }
    expect(result.errors.total).toBe(0);
    const tpm = /tpmC-style \(TPC-C-style, not TPC-C\): ([\d.]+) committed new-order/.exec(result.notes.join('\n'));
    expect(tpm).not.toBeNull();
    const driverCpu = /tpccstyle's own CPU: ([\d.]+) core-seconds in [\d.]+ s \([\d.]+ cores on average of the machine's \d+\)/.exec(result.notes.join('\n'));
    expect(driverCpu).not.toBeNull();
    // getrusage through drivers/driverstats: a driver that ran transactions for seconds used CPU.
    expect(Number(driverCpu?.[1])).toBeGreaterThan(0);
    const rollbacks = Number(/new-order: (\d+) expected rollbacks/.exec(result.notes.join('\n'))?.[1]);
    const newOrders = result.endpoints[0].requests;
    expect(Number(tpm?.[1])).toBeCloseTo(((newOrders - rollbacks) / result.durationSeconds) * 60, 0);

    // The run wrote: every committed new-order of the warm-up and the measured run is an order (the load made 3,000 per district).
    const committed = queryNumber(e, 'SELECT SUM(d_next_o_id - 3001) FROM district');
    expect(committed).toBeGreaterThanOrEqual(newOrders - rollbacks);
    expect(queryNumber(e, 'SELECT COUNT(*) FROM orders')).toBe(30000 + committed);
    expect(queryNumber(e, 'SELECT COUNT(*) FROM new_order')).toBeLessThan(9000 + committed); // deliveries removed some

    const violations = Object.fromEntries(CONSISTENCY_CHECKS.map((c) => [`3.3.2.${c.condition} ${c.statement}`, queryNumber(e, c.sql)]));
    expect(violations).toEqual(Object.fromEntries(CONSISTENCY_CHECKS.map((c) => [`3.3.2.${c.condition} ${c.statement}`, 0])));

    // The checks can fail: a payment that reached the warehouse but not its district breaks conditions 1 and 8.
    queryNumber(e, 'UPDATE warehouse SET w_ytd = w_ytd + 1');
    expect(queryNumber(e, CONSISTENCY_CHECKS[0].sql)).toBe(1);
    expect(queryNumber(e, CONSISTENCY_CHECKS[7].sql)).toBe(1);
  } finally {
    await server.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

describe('tpcc-style workload (real PostgreSQL and MariaDB, 1 warehouse)', () => {
  let tempRoot: string;
  beforeEach(() => {
    tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-tpccs-'));
    fs.chmodSync(tempRoot, 0o755);
  });
  afterEach(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

  realIt('PostgreSQL: the standard mix, per-type histograms, tpmC-style, and clause 3.3.2 conditions 1–10 after the run', () => runOn(startPostgres, tempRoot), 300_000);
  realIt('MariaDB: the standard mix, per-type histograms, tpmC-style, and clause 3.3.2 conditions 1–10 after the run', () => runOn(startMariadb, tempRoot), 300_000);
});
