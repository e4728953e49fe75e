/**
 * The suite's side of engine-run.ts: runs one Pulumi operation on a stack in a child process
 * (so each operation loads index.ts afresh, as `pulumi up` does), with a time limit, and reads
 * its outcome. The child runs in its own process group, which is stopped on timeout.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { EngineOutcome, EngineRequest } from './engine-run';

const REPO = path.resolve(__dirname, '..', '..');

/** The suite's scratch folder (made by scripts/cluster-test.sh). */
export function suiteWorkDir(): string {
  const dir = process.env.PERFLAB_CLUSTER_SUITE_WORK;
  if (!dir) throw new Error('PERFLAB_CLUSTER_SUITE_WORK is not set: run the cluster suite through npm run test:cluster');
  return dir;
}

/** Options of one operation. */
export interface EngineOptions {
  readonly config?: Record<string, string>;
  readonly policyPacks?: string[];
  readonly policyPackConfigs?: string[];
  readonly expectNoChanges?: boolean;
  /** Stop the operation after this long. @default 480 s */
  readonly timeoutMs?: number;
  /** Folder for this stack's state and logs. @default <suite work>/stacks/<stack> */
  readonly workDir?: string;
}

/** An outcome plus where the engine's log is. */
export interface EngineRun extends EngineOutcome {
  readonly logFile: string;
}

/** The last `lines` lines of the engine's log, for failure messages. */
export function logTail(run: Pick<EngineRun, 'logFile'>, lines = 40): string {
  if (!fs.existsSync(run.logFile)) return '(no engine log)';
  return fs.readFileSync(run.logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Runs `verb` (up, preview, destroy) on `stack`. */
export async function engine(verb: 'up' | 'preview' | 'destroy', stack: string, opts: EngineOptions = {}): Promise<EngineRun> {
  const workDir = opts.workDir ?? path.join(suiteWorkDir(), 'stacks', stack);
  fs.mkdirSync(workDir, { recursive: true });
  const n = fs.readdirSync(workDir).filter((f) => f.startsWith('request-')).length;
  const requestFile = path.join(workDir, `request-${n}-${verb}.json`);
  const request: EngineRequest = {
    workDir,
    config: opts.config ?? {},
    policyPacks: opts.policyPacks,
    policyPackConfigs: opts.policyPackConfigs,
    expectNoChanges: opts.expectNoChanges,
    logFile: path.join(workDir, 'engine.log'),
    resultFile: path.join(workDir, `result-${n}-${verb}.json`),
  };
  fs.writeFileSync(requestFile, JSON.stringify(request));
  const timeoutMs = opts.timeoutMs ?? 480_000;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'engine-run.ts'), verb, stack, requestFile], {
    cwd: REPO,
    env: { ...process.env, TS_NODE_PROJECT: path.join(REPO, 'tsconfig.json'), PULUMI_SKIP_UPDATE_CHECK: 'true', PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true', PULUMI_HOME: path.join(suiteWorkDir(), 'pulumi-home') },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const first = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (first === 'timeout') {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await exited;
    return { ok: false, error: `${verb} ${stack} did not finish in ${timeoutMs / 1000} s`, seconds: timeoutMs / 1000, logFile: request.logFile };
  }
  if (!fs.existsSync(request.resultFile)) return { ok: false, error: `${verb} ${stack}: engine-run exited with ${first} and wrote no result`, seconds: 0, logFile: request.logFile };
  const outcome = JSON.parse(fs.readFileSync(request.resultFile, 'utf8')) as EngineOutcome;
  return { ...outcome, logFile: request.logFile };
}
