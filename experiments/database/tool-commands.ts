/**
 * Command lines of the workload tools, built once for both targets: the local target spawns
 * them (no shell), the cluster Job renders them into its script with `$DB_HOST`-style
 * placeholders. Passwords never appear here: pgbench, psql, sysbench's pgsql driver and
 * tpccstyle read PGPASSWORD, sysbench's mysql driver (libmariadb) and tpccstyle MYSQL_PWD, from
 * the environment.
 */
import { RunPlan } from './run-plan';
import { pgbenchScriptFile } from './pgbench-scripts';
import { Engine } from './variants';
import { WorkloadSpec } from './workloads';

/** Where the database is; values may be shell placeholders such as `$DB_HOST` in the cluster. */
export interface DbEndpoint {
  readonly engine: Engine;
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly database: string;
  /** Connect over TLS (sysbench `--mysql-ssl=on`; MySQL protocol only). @default false */
  readonly tls?: boolean;
}

/** Data sizes of the workloads. */
export interface DataSize {
  /** pgbench scaling factor. */
  readonly scale: number;
  /** sysbench OLTP tables and rows per table. */
  readonly tables: number;
  readonly tableSize: number;
  /** TPC-C warehouses. */
  readonly warehouses: number;
}

/** One tool invocation. */
export interface ToolInvocation {
  readonly command: 'pgbench' | 'sysbench' | 'tpccstyle';
  readonly args: readonly string[];
  /** Run in this folder (sysbench-tpcc's scripts `require` their siblings). */
  readonly cwd?: string;
}

/** The steps of one workload: drop old data, load, warm up, measure, and drop again (for servers perflab did not create). */
export interface WorkloadCommands {
  readonly cleanup: ToolInvocation;
  readonly prepare: ToolInvocation;
  readonly warmup?: ToolInvocation;
  readonly run: ToolInvocation;
}

/** Folders the commands refer to. */
export interface CommandPaths {
  /** Folder holding perflab's pgbench scripts (`read-only.sql`, ...). */
  readonly pgbenchScriptDir: string;
  /** Prefix of pgbench's per-transaction log files (`--log-prefix`). */
  readonly pgbenchLogPrefix: string;
  /** Folder of the sysbench-tpcc Lua scripts. */
  readonly tpccDir: string;
}

function pgConn(e: DbEndpoint): string[] {
  return ['-h', e.host, '-p', e.port, '-U', e.user];
}

function sysbenchConn(e: DbEndpoint): string[] {
  return e.engine === 'postgres'
    ? ['--db-driver=pgsql', `--pgsql-host=${e.host}`, `--pgsql-port=${e.port}`, `--pgsql-user=${e.user}`, `--pgsql-db=${e.database}`]
    : ['--db-driver=mysql', `--mysql-host=${e.host}`, `--mysql-port=${e.port}`, `--mysql-user=${e.user}`, `--mysql-db=${e.database}`, ...(e.tls ? ['--mysql-ssl=on'] : [])];
}

function pgbenchCommands(w: WorkloadSpec, e: DbEndpoint, plan: RunPlan, size: DataSize, paths: CommandPaths): WorkloadCommands {
  const script = w.pgbenchScript ?? 'builtin:tpcb-like';
  const which = script.startsWith('builtin:') ? ['-b', script.slice('builtin:'.length)] : ['-f', `${paths.pgbenchScriptDir}/${pgbenchScriptFile(script)}`, '-s', String(size.scale)];
  const load = (seconds: number): string[] => [
    ...pgConn(e),
    '-c', String(plan.clients),
    '-j', String(plan.threads),
    '-T', String(seconds),
    ...(plan.rate !== undefined ? ['-R', String(plan.rate)] : []),
    ...which,
  ];
  return {
    cleanup: { command: 'pgbench', args: ['-i', '-I', 'd', ...pgConn(e), e.database] },
    prepare: { command: 'pgbench', args: ['-i', '-q', '-s', String(size.scale), ...pgConn(e), e.database] },
    warmup: plan.warmupSeconds > 0 ? { command: 'pgbench', args: [...load(plan.warmupSeconds), '-n', e.database] } : undefined,
    run: {
      command: 'pgbench',
      args: [...load(plan.durationSeconds), '-P', String(plan.progressSeconds), '-r', '--failures-detailed', '--log', `--log-prefix=${paths.pgbenchLogPrefix}`, e.database],
    },
  };
}

function sysbenchCommands(w: WorkloadSpec, e: DbEndpoint, plan: RunPlan, size: DataSize, paths: CommandPaths): WorkloadCommands {
  const tpcc = w.needsTpccScripts === true;
  const test = tpcc ? `${paths.tpccDir}/${w.sysbenchTest}` : (w.sysbenchTest as string);
  const data = tpcc ? ['--tables=1', `--scale=${size.warehouses}`] : [`--tables=${size.tables}`, `--table-size=${size.tableSize}`];
  const base = [test, ...sysbenchConn(e), ...data];
  const cwd = tpcc ? paths.tpccDir : undefined;
  const loaders = Math.max(1, Math.min(4, tpcc ? size.warehouses : size.tables));
  const load = (seconds: number): string[] => [...base, `--threads=${plan.clients}`, `--time=${seconds}`, ...(plan.rate !== undefined ? [`--rate=${plan.rate}`] : [])];
  return {
    cleanup: { command: 'sysbench', args: [...base, 'cleanup'], cwd },
    prepare: { command: 'sysbench', args: [...base, `--threads=${loaders}`, 'prepare'], cwd },
    warmup: plan.warmupSeconds > 0 ? { command: 'sysbench', args: [...load(plan.warmupSeconds), 'run'], cwd } : undefined,
    run: { command: 'sysbench', args: [...load(plan.durationSeconds), `--report-interval=${plan.progressSeconds}`, '--histogram=on', '--percentile=95', 'run'], cwd },
  };
}

/**
 * perflab's TPC-C-style driver (tpcc-style/): `load` drops and recreates its nine tables, `run`
 * holds the plan's clients as terminals (closed model, no keying or think time) for the warm-up
 * and again for the measured window, `cleanup` drops the tables.
 */
function tpccStyleCommands(e: DbEndpoint, plan: RunPlan, size: DataSize): WorkloadCommands {
  if (plan.rate !== undefined) {
    throw new Error(`workload tpcc-style: the load profile is an open model (${plan.rate} transactions/s); tpcc-style runs a closed model (terminals = the profile's VUs) — use a closed-model profile such as smoke or baseline`);
  }
  const conn = ['--engine', e.engine, '--host', e.host, '--port', e.port, '--user', e.user, '--database', e.database, '--warehouses', String(size.warehouses)];
  const load = (seconds: number): string[] => ['run', ...conn, '--terminals', String(plan.clients), '--duration', String(seconds)];
  return {
    cleanup: { command: 'tpccstyle', args: ['cleanup', ...conn] },
    prepare: { command: 'tpccstyle', args: ['load', ...conn, '--loaders', String(Math.max(1, Math.min(4, size.warehouses + 1)))] },
    warmup: plan.warmupSeconds > 0 ? { command: 'tpccstyle', args: load(plan.warmupSeconds) } : undefined,
    run: { command: 'tpccstyle', args: load(plan.durationSeconds) },
  };
}

/** The commands of one workload against one endpoint. */
export function workloadCommands(w: WorkloadSpec, e: DbEndpoint, plan: RunPlan, size: DataSize, paths: CommandPaths): WorkloadCommands {
  if (!w.engines.includes(e.engine)) throw new Error(`workload ${w.name} does not run on ${e.engine} (it needs ${w.engines.join(' or ')})`);
  if (w.tool === 'tpccstyle') return tpccStyleCommands(e, plan, size);
  return w.tool === 'pgbench' ? pgbenchCommands(w, e, plan, size, paths) : sysbenchCommands(w, e, plan, size, paths);
}
