/**
 * One workload against one local endpoint: (tpcc-style: build its Go driver on first use) drop
 * old benchmark tables, load the data, a discarded warm-up run, then the measured run with the server's process tree sampled, and the
 * tool's output parsed into a ToolReport. Every tool runs without a shell and is killed when
 * the run is aborted (Ctrl-C).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ProgressReporter } from '../../../src/local/progress';
import { spawnGroup } from '../../../src/local/process-group';
import { startProcessTreeSampler } from '../../../src/local/process-tree-sampler';
import { ResourceUsage } from '../../../src/local/resource-sampler';
import { parsePgbench } from '../parsers/pgbench';
import { parseSysbench } from '../parsers/sysbench';
import { ToolReport } from '../parsers/tool-report';
import { PGBENCH_SCRIPTS, pgbenchScriptFile } from '../pgbench-scripts';
import { RunPlan } from '../run-plan';
import { DataSize, DbEndpoint, ToolInvocation, workloadCommands } from '../tool-commands';
import { WorkloadSpec } from '../workloads';
import { parseTpccStyle } from '../parsers/tpcc-style';
import { buildTpccStyle } from './tpcc-style-binary';
import { findTool } from './tools';

/** What one tool invocation printed. */
export interface ToolRun {
  readonly output: string;
  readonly exitCode: number | null;
}

/**
 * Runs a tool to completion, stdout and stderr interleaved; killed (SIGINT, then SIGKILL) on
 * abort. `binary` is the program's path when it is not an installed tool (tpccstyle).
 */
export function runTool(inv: ToolInvocation, signal?: AbortSignal, binaryPath?: string): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const binary = binaryPath ?? findTool(inv.command);
    if (!binary) return reject(new Error(`${inv.command} is not installed`));
    // env given explicitly: the tools read PGPASSWORD / MYSQL_PWD from it (and jest sandboxes process.env).
    const child = spawnGroup(binary, inv.args, { cwd: inv.cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: string[] = [];
    child.stdout?.on('data', (c: Buffer) => chunks.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => chunks.push(c.toString()));
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => reject(new Error(`cannot run ${inv.command}: ${err.message}`)));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      resolve({ output: chunks.join(''), exitCode: code });
    });
  });
}

async function mustSucceed(inv: ToolInvocation, what: string, signal?: AbortSignal, binaryPath?: string): Promise<void> {
  const r = await runTool(inv, signal, binaryPath);
  if (signal?.aborted) throw new Error(`${what}: aborted`);
  if (r.exitCode !== 0) {
    throw new Error(`${what}: \`${inv.command} ${inv.args.join(' ')}\` failed (exit ${r.exitCode}):\n${r.output.trim().split('\n').slice(-12).join('\n')}`);
  }
}

/** Inputs of runLocalWorkload. */
export interface LocalWorkloadInput {
  readonly workload: WorkloadSpec;
  readonly endpoint: DbEndpoint;
  readonly plan: RunPlan;
  readonly size: DataSize;
  /** Scratch folder for scripts and pgbench's transaction log (emptied per run). */
  readonly workDir: string;
  /** Folder of the sysbench-tpcc scripts (tpcc only). */
  readonly tpccDir?: string;
  /** Server process tree to sample; undefined for a server perflab did not start. */
  readonly serverPid?: number;
  /** Component name in the RunResult's resources. */
  readonly component: string;
  /** Drop the benchmark tables afterwards (servers perflab did not create). */
  readonly cleanupAfter: boolean;
  readonly progress: ProgressReporter;
  readonly tag: string;
  readonly signal?: AbortSignal;
}

/** What the measured run gave. */
export interface LocalWorkloadOutcome {
  readonly report: ToolReport;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly resources: ResourceUsage[];
  /** Raw tool output of the measured run (kept for fixtures and error messages). */
  readonly output: string;
}

/** Runs one workload; throws with the tool's own last lines when a step fails. */
export async function runLocalWorkload(i: LocalWorkloadInput): Promise<LocalWorkloadOutcome> {
  const logDir = path.join(i.workDir, 'txlog');
  fs.rmSync(logDir, { recursive: true, force: true });
  fs.mkdirSync(logDir, { recursive: true });
  for (const [name, text] of Object.entries(PGBENCH_SCRIPTS)) fs.writeFileSync(path.join(i.workDir, pgbenchScriptFile(name)), text);
  const cmds = workloadCommands(i.workload, i.endpoint, i.plan, i.size, {
    pgbenchScriptDir: i.workDir,
    pgbenchLogPrefix: path.join(logDir, 'tx'),
    tpccDir: i.tpccDir ?? '/nonexistent-sysbench-tpcc',
  });
  const step = (m: string): void => i.progress.step(`[${i.tag}] ${m}`);
  let binary: string | undefined;
  if (i.workload.tool === 'tpccstyle') {
    step('building the tpccstyle driver (go build; cached after the first time)');
    binary = await buildTpccStyle(i.signal);
  }
  step('dropping old benchmark tables');
  await runTool(cmds.cleanup, i.signal, binary); // nothing to drop is fine
  step(`loading data (${i.workload.tool} ${i.workload.tool === 'tpccstyle' ? 'load' : 'prepare'})`);
  await mustSucceed(cmds.prepare, `${i.tag} prepare`, i.signal, binary);
  if (cmds.warmup) {
    step(`warm-up ${i.plan.warmupSeconds} s (discarded)`);
    await mustSucceed(cmds.warmup, `${i.tag} warm-up`, i.signal, binary);
  }
  step(`measuring ${i.plan.durationSeconds} s with ${i.plan.clients} clients`);
  const sampler = i.serverPid !== undefined ? startProcessTreeSampler(i.serverPid, i.component) : undefined;
  const startedAt = new Date();
  const run = await runTool(cmds.run, i.signal, binary);
  const finishedAt = new Date();
  const usage = sampler ? await sampler.stop() : undefined;
  if (i.signal?.aborted) throw new Error(`${i.tag}: aborted`);
  let report: ToolReport;
  if (i.workload.tool === 'pgbench') {
    const log = fs
      .readdirSync(logDir)
      .filter((f) => f.startsWith('tx.'))
      .map((f) => fs.readFileSync(path.join(logDir, f), 'utf8'))
      .join('');
    report = parsePgbench({ output: run.output, transactionLog: log, exitCode: run.exitCode ?? undefined });
  } else if (i.workload.tool === 'tpccstyle') {
    report = parseTpccStyle(run.output);
  } else {
    report = parseSysbench(run.output, run.exitCode ?? undefined);
  }
  fs.rmSync(logDir, { recursive: true, force: true });
  if (i.cleanupAfter) await runTool(cmds.cleanup, i.signal, binary);
  return { report, startedAt, finishedAt, resources: usage ? [usage] : [], output: run.output };
}
