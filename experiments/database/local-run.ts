/**
 * The database experiment on the local target: for each local variant (postgres, mariadb) a
 * throwaway server from the Debian packages — or the user's own server given by URL — runs
 * each workload (pgbench, sysbench OLTP, tpcc-style through perflab's own Go driver, and
 * sysbench-tpcc when its scripts are present); one RunResult per variant and workload is stored, with the server's CPU and memory
 * and a modelled cost. Servers and temp folders are removed on success, failure and Ctrl-C.
 *
 * Until `perflab run` has the options, the extra inputs come from the environment:
 * PERFLAB_DB_WORKLOAD (comma-separated workloads), PERFLAB_DB_URL_POSTGRES /
 * PERFLAB_DB_URL_MARIADB (passwords in PGPASSWORD / MYSQL_PWD), PERFLAB_SYSBENCH_TPCC_DIR and
 * PERFLAB_DB_WAREHOUSES (tpcc-style and tpcc).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from '../../src/config/errors';
import { withModelledCost } from '../../src/cost/modelled-cost';
import { LocalRunOptions, LocalTarget, MissingToolchainError, VariantOutcome } from '../../src/local/local-target';
import { localEnvironment } from '../../src/results/environment';
import { RunResult } from '../../src/results/run-result';
import { writeRunResult } from '../../src/results/store';
import { buildDatabaseRunResult } from './build-result';
import { databaseExperiment } from './experiment';
import { runLocalWorkload } from './local/run-workload';
import { LocalDbServer, startMariadb, startPostgres } from './local/servers';
import { TPCC_STYLE_INSTALL_HINT, tpccStyleAvailable } from './local/tpcc-style-binary';
import { SERVER_TOOLS, WORKLOAD_TOOLS, findTool, installHint, missingTools, toolVersion } from './local/tools';
import { describeEndpoint, userEndpoint } from './local/user-server';
import { planRun } from './run-plan';
import { DatabaseConfig, defaultDatabaseConfig } from './settings';
import { DataSize } from './tool-commands';
import { LOCAL_VARIANTS, LocalVariantName, databaseVariants } from './variants';
import { WORKLOAD_NAMES, WorkloadName, workloads, workloadsFor } from './workloads';

/** Environment variable naming the workloads to run locally (comma-separated). */
export const WORKLOAD_ENV = 'PERFLAB_DB_WORKLOAD';
/** Environment variable naming the folder of Percona-Lab's sysbench-tpcc scripts. */
export const TPCC_DIR_ENV = 'PERFLAB_SYSBENCH_TPCC_DIR';
/** Environment variable setting the warehouses of tpcc-style and tpcc. */
export const WAREHOUSES_ENV = 'PERFLAB_DB_WAREHOUSES';
/** Most warehouses the local target loads (perflab:warehouses' own limit). */
export const MAX_LOCAL_WAREHOUSES = 10000;

/** The warehouses named in PERFLAB_DB_WAREHOUSES, validated; undefined when it is not set. */
export function warehousesFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): number | undefined {
  const raw = env[WAREHOUSES_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LOCAL_WAREHOUSES) throw new ConfigError([`${WAREHOUSES_ENV}: ${JSON.stringify(raw)} is not allowed; use a whole number from 1 to ${MAX_LOCAL_WAREHOUSES}`]);
  return n;
}

/** Choices beyond LocalRunOptions (from the environment, or set by tests). */
export interface DatabaseLocalChoices {
  /** Workloads to run; @default every workload of each engine whose tools are installed */
  readonly workloads?: readonly WorkloadName[];
  /** Data sizes and plan overrides. @default the experiment's config defaults */
  readonly config?: Partial<DatabaseConfig>;
  /** sysbench-tpcc folder. @default $PERFLAB_SYSBENCH_TPCC_DIR */
  readonly tpccDir?: string;
  /** Connection URLs by env var name. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folder the servers' data dirs and the scratch dirs go under. @default os.tmpdir() */
  readonly tempRoot?: string;
}

/** The workloads named in PERFLAB_DB_WORKLOAD, validated; undefined when it is not set. */
export function workloadsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): WorkloadName[] | undefined {
  const raw = env[WORKLOAD_ENV];
  if (!raw) return undefined;
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(WORKLOAD_NAMES as readonly string[]).includes(n));
  if (bad.length) throw new ConfigError([`${WORKLOAD_ENV}: ${bad.map((b) => JSON.stringify(b)).join(', ')} is not one of ${WORKLOAD_NAMES.join(', ')}`]);
  return names as WorkloadName[];
}

function localVariants(requested: readonly string[] | undefined): LocalVariantName[] {
  if (!requested) return [...LOCAL_VARIANTS];
  const bad = requested.filter((v) => !(LOCAL_VARIANTS as readonly string[]).includes(v));
  if (bad.length) {
    const hint = bad.map((b) => (databaseVariants[b as LocalVariantName] ? `${b} runs on a cluster (pulumi up --stack db-${b})` : `${b} is unknown`));
    throw new ConfigError([`--variants: the local target runs ${LOCAL_VARIANTS.join(', ')}; ${hint.join('; ')}`]);
  }
  return requested as LocalVariantName[];
}

/** What one variant will run, or why it cannot. */
interface VariantPlan {
  readonly variant: LocalVariantName;
  readonly workloads: WorkloadName[];
  readonly skippedWorkloads: string[];
  readonly missing?: string;
}

function planVariant(variant: LocalVariantName, wanted: readonly WorkloadName[] | undefined, tpccDir: string | undefined, external: boolean): VariantPlan {
  const engine = databaseVariants[variant].engines[0];
  const serverMissing = external ? [] : missingTools(SERVER_TOOLS[variant]);
  const candidates = (wanted ?? workloadsFor(engine)).filter((w) => workloads[w].engines.includes(engine));
  const chosen: WorkloadName[] = [];
  const skipped: string[] = [];
  const toolMissing = new Set<string>();
  for (const w of candidates) {
    const spec = workloads[w];
    if (spec.tool === 'tpccstyle') {
      if (tpccStyleAvailable()) chosen.push(w);
      else {
        skipped.push(`${w}: ${TPCC_STYLE_INSTALL_HINT}`);
        toolMissing.add(TPCC_STYLE_INSTALL_HINT);
      }
      continue;
    }
    const tool = WORKLOAD_TOOLS[spec.tool];
    if (!findTool(tool.name)) {
      skipped.push(`${w}: ${installHint([tool])}`);
      toolMissing.add(installHint([tool]));
    } else if (spec.needsTpccScripts && !(tpccDir && fs.existsSync(path.join(tpccDir, 'tpcc.lua')))) {
      skipped.push(`${w}: the sysbench-tpcc scripts are not here — clone https://github.com/Percona-Lab/sysbench-tpcc and set ${TPCC_DIR_ENV} to its folder`);
    } else chosen.push(w);
  }
  const missing = serverMissing.length ? installHint(serverMissing) : chosen.length === 0 ? (toolMissing.size ? [...toolMissing].join('; ') : `no workload to run on ${engine}: ${skipped.join('; ') || 'none selected'}`) : undefined;
  return { variant, workloads: chosen, skippedWorkloads: skipped, missing };
}

/** Runs the database experiment locally with explicit choices (tests call this directly). */
export async function runDatabaseLocalWith(opts: LocalRunOptions, choices: DatabaseLocalChoices = {}): Promise<VariantOutcome[]> {
  const env = choices.env ?? process.env;
  const explicit = opts.variants !== undefined;
  const variants = localVariants(opts.variants);
  const wanted = choices.workloads ?? workloadsFromEnv(env);
  if (wanted) {
    const engines = variants.map((v) => databaseVariants[v].engines[0]);
    const unusable = wanted.filter((w) => !workloads[w].engines.some((e) => engines.includes(e)));
    if (unusable.length) throw new ConfigError([`${WORKLOAD_ENV}: ${unusable.join(', ')} runs on none of the variants ${variants.join(', ')}`]);
  }
  const tpccDir = choices.tpccDir ?? env[TPCC_DIR_ENV];
  const warehouses = warehousesFromEnv(env);
  const config = { ...defaultDatabaseConfig(), ...(warehouses !== undefined ? { warehouses } : {}), ...(choices.config ?? {}) };
  const endpoints = new Map(variants.map((v) => [v, userEndpoint(v, env)] as const));
  const plans = variants.map((v) => planVariant(v, wanted, tpccDir, endpoints.get(v) !== undefined));
  const missing = plans.filter((p) => p.missing);
  if (explicit && missing.length) throw new MissingToolchainError(missing.map((p) => ({ variant: p.variant, hint: p.missing as string })));

  const outcomes: VariantOutcome[] = [];
  for (const p of missing) {
    opts.progress.step(`[${p.variant}] skipped: ${p.missing}`);
    outcomes.push({ variant: p.variant, status: 'skipped', reason: p.missing, results: [], files: [] });
  }
  const size: DataSize = { scale: config.scale, tables: config.tables, tableSize: config.tableSize, warehouses: config.warehouses };
  const plan = planRun(opts.profile, { clients: config.clients, threads: config.threads, warmupSeconds: config.warmupSeconds });
  for (const vp of plans.filter((x) => !x.missing)) {
    if (opts.signal?.aborted) break;
    outcomes.push(await runVariant(vp, endpoints.get(vp.variant), opts, size, plan, choices.tempRoot ?? os.tmpdir(), tpccDir));
  }
  return outcomes;
}

async function runVariant(vp: VariantPlan, external: ReturnType<typeof userEndpoint>, opts: LocalRunOptions, size: DataSize, plan: ReturnType<typeof planRun>, tempRoot: string, tpccDir?: string): Promise<VariantOutcome> {
  const { variant } = vp;
  for (const s of vp.skippedWorkloads) opts.progress.step(`[${variant}] workload skipped: ${s}`);
  const results: RunResult[] = [];
  const files: string[] = [];
  const failures: string[] = [];
  const workDir = fs.mkdtempSync(path.join(tempRoot, 'perflab-db-work-'));
  fs.chmodSync(workDir, 0o755);
  let server: LocalDbServer | undefined;
  try {
    if (external) opts.progress.step(`[${variant}] using your server ${describeEndpoint(external)}`);
    else {
      opts.progress.step(`[${variant}] starting a throwaway server`);
      server = variant === 'postgres' ? await startPostgres(tempRoot) : await startMariadb(tempRoot);
    }
    const endpoint = external ?? (server as LocalDbServer).endpoint;
    const versions: Record<string, string> = {};
    for (const t of ['pgbench', 'sysbench']) {
      const b = findTool(t);
      const v = b ? toolVersion(b) : undefined;
      if (v) versions[t] = v;
    }
    versions[variant] = server?.version ?? `user server at ${endpoint.host}:${endpoint.port}`;
    const environment = localEnvironment('local', versions);
    for (const w of vp.workloads) {
      for (let i = 0; i < (opts.repeat ?? 1); i++) {
        if (opts.signal?.aborted) break;
        const tag = `${variant}/${w}${(opts.repeat ?? 1) > 1 ? ` #${i + 1}` : ''}`;
        try {
          const o = await runLocalWorkload({
            workload: workloads[w], endpoint, plan, size, workDir, tpccDir, serverPid: server?.pid, component: variant === 'postgres' ? 'postgres' : 'mariadbd',
            cleanupAfter: external !== undefined, progress: opts.progress, tag, signal: opts.signal,
          });
          const notes = [`data: pgbench scale ${size.scale}, sysbench ${size.tables} tables × ${size.tableSize} rows, TPC-C-style ${size.warehouses} warehouses`];
          if (!server) notes.push('server not started by perflab: no resource figures (run perflab on the database host with a throwaway server to measure them)');
          else notes.push('resources: the server\'s whole process tree (procfs), memory as summed PSS; the workload tool ran on the same machine and competed for CPU');
          const result = withModelledCost(
            buildDatabaseRunResult(o.report, {
              experiment: databaseExperiment.name, variant, target: 'local', workload: w, label: `${opts.label ?? variant}/${w}`, profile: opts.profile, plan,
              startedAt: o.startedAt, finishedAt: o.finishedAt, resources: o.resources, environment, notes,
            }),
          );
          results.push(result);
          files.push(writeRunResult(opts.resultsDir, result));
          opts.progress.step(`[${tag}] ${result.throughput.transactionsPerSecond} tps, p95 ${result.latency.p95} ms`);
        } catch (err) {
          if (opts.signal?.aborted) break;
          failures.push(`${w}: ${(err as Error).message}`);
          opts.progress.step(`[${tag}] failed: ${(err as Error).message}`);
        }
      }
    }
  } catch (err) {
    failures.push((err as Error).message);
    opts.progress.step(`[${variant}] failed: ${(err as Error).message}`);
  } finally {
    if (server) await server.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  if (opts.signal?.aborted) opts.progress.step(`[${variant}] aborted: the partial run is not stored`);
  return failures.length ? { variant, status: 'failed', reason: failures.join('\n'), results, files } : { variant, status: 'measured', results, files };
}

/** Runs the database experiment locally with choices from the environment. */
export function runDatabaseLocal(opts: LocalRunOptions): Promise<VariantOutcome[]> {
  return runDatabaseLocalWith(opts);
}

/** The database experiment's local target. */
export const databaseLocalTarget: LocalTarget = {
  experiment: databaseExperiment.name,
  loadTool: 'pgbench, sysbench and tpccstyle',
  options: [
    { flags: '--workload <list>', description: 'comma-separated workloads (default: every one the variant supports)', env: WORKLOAD_ENV },
    { flags: '--postgres-url <url>', description: 'use your PostgreSQL server (password from PGPASSWORD)', env: 'PERFLAB_DB_URL_POSTGRES' },
    { flags: '--mariadb-url <url>', description: 'use your MariaDB/MySQL server (password from MYSQL_PWD)', env: 'PERFLAB_DB_URL_MARIADB' },
    { flags: '--tpcc-dir <dir>', description: 'folder of the sysbench-tpcc scripts (enables the tpcc workload)', env: 'PERFLAB_SYSBENCH_TPCC_DIR' },
    { flags: '--warehouses <n>', description: 'warehouses of tpcc-style and tpcc (default: perflab:warehouses, 2)', env: WAREHOUSES_ENV },
  ],
  run: runDatabaseLocal,
};
