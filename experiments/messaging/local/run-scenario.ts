/**
 * One scenario run on a running local broker: build the workload, start mqbench, sample the
 * broker's and the harness's CPU and memory, kill and restart the broker at the fault time
 * (recovery scenario), then parse the harness output into a RunResult with a modelled cost
 * of the broker's resources.
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { withModelledCost } from '../../../src/cost/modelled-cost';
import { ResolvedLoadProfile } from '../../../src/load/profile';
import { ProgressReporter } from '../../../src/local/progress';
import { ResourceSampler, ResourceUsage, startResourceSampler } from '../../../src/local/resource-sampler';
import { Environment } from '../../../src/results/environment';
import { RunResult, RunResultSchema } from '../../../src/results/run-result';
import { MessagingSettings } from '../config';
import { HarnessOutputError, parseHarnessOutput } from '../harness-output';
import { messagingRunResult } from '../messaging-result';
import { ScenarioRun } from '../scenarios';
import { MessagingWorkload, buildWorkload, defaultFaultAt, scheduleSeconds } from '../workload';
import { startHarness } from './harness-process';
import { LocalBroker } from './local-broker';
import { combineUsage } from './usage';

/** Environment variable naming a folder that receives each run's raw harness output (`<result id>.jsonl`). */
export const KEEP_OUTPUT_ENV = 'PERFLAB_MQ_KEEP_OUTPUT';

/** Counter sampling interval of local runs (recovery needs sub-second resolution). */
export const LOCAL_SAMPLE_MILLIS = 250;

/** What one local scenario run needs. */
export interface LocalScenarioOptions {
  readonly broker: LocalBroker;
  readonly brokerColdStartMs: number;
  /** The broker's version line (NATS: the default sync interval depends on it). */
  readonly brokerVersion?: string;
  readonly harness: string;
  readonly run: ScenarioRun;
  readonly settings: MessagingSettings;
  readonly profile: ResolvedLoadProfile;
  readonly environment: Environment;
  readonly progress: ProgressReporter;
  readonly label?: string;
  readonly signal?: AbortSignal;
}

/** The run was interrupted; nothing is stored. */
export class RunAbortedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'RunAbortedError';
  }
}

/** The local workload of a run (single-node brokers: replication 1). */
export function localWorkload(opts: Pick<LocalScenarioOptions, 'broker' | 'run' | 'settings' | 'profile'>): MessagingWorkload {
  return buildWorkload(opts.settings, opts.run, opts.profile, {
    broker: opts.broker.variant,
    url: opts.broker.url,
    topic: `perflab-${opts.run.name}-${crypto.randomBytes(3).toString('hex')}`,
    replicationFactor: 1,
    createTopology: true,
    connectSeconds: 30,
    sampleMillis: LOCAL_SAMPLE_MILLIS,
  });
}

/** Measures one scenario run; resolves to its validated RunResult. */
export async function runLocalScenario(opts: LocalScenarioOptions): Promise<RunResult> {
  const { broker, run, settings } = opts;
  const tag = `[${broker.variant} ${run.name}]`;
  const workload = localWorkload(opts);
  const duration = scheduleSeconds(workload.schedule);
  const faultAt = run.fault ? settings.faultAtSeconds ?? defaultFaultAt(duration) : undefined;
  flushWriteback();
  const brokerParts: ResourceUsage[] = [];
  const pid = broker.serverPid();
  if (pid === undefined) throw new Error(`${tag} the broker is not running:\n${broker.tail()}`);
  let brokerSampler: ResourceSampler | undefined = startResourceSampler(pid, 'broker');
  let killedAtMs: number | undefined;
  let restartMs: number | undefined;
  let faultError: Error | undefined;
  let faultTask: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const injectFault = async (): Promise<void> => {
    try {
      if (brokerSampler) brokerParts.push(await brokerSampler.stop());
      brokerSampler = undefined;
      opts.progress.step(`${tag} killing the broker (SIGKILL) at ${faultAt} s`);
      killedAtMs = Date.now();
      await broker.kill();
      restartMs = await broker.restart();
      opts.progress.step(`${tag} broker restarted, serving again ${(restartMs / 1000).toFixed(1)} s after the kill`);
      const newPid = broker.serverPid();
      if (newPid !== undefined) brokerSampler = startResourceSampler(newPid, 'broker');
    } catch (err) {
      faultError = err as Error;
    }
  };

  const harness = startHarness(opts.harness, workload, (line) => {
    if (line.type === 'ready' && faultAt !== undefined && typeof line.unixMs === 'number') {
      timer = setTimeout(() => {
        faultTask = injectFault();
      }, Math.max(0, line.unixMs + faultAt * 1000 - Date.now()));
    } else if (line.type === 'sample') {
      opts.progress.update(`${tag} ${Number(line.t).toFixed(1)}/${duration} s  acked ${line.acked}  delivered ${line.delivered}  failed ${line.failed}`);
    }
  });
  const harnessSampler = harness.pid === undefined ? undefined : startResourceSampler(harness.pid, 'harness');
  const onAbort = (): void => void harness.stop();
  opts.signal?.addEventListener('abort', onAbort);
  let exit;
  try {
    exit = await harness.done;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (timer) clearTimeout(timer);
    await faultTask;
  }
  opts.progress.done();
  const harnessUsage = await harnessSampler?.stop();
  if (brokerSampler) brokerParts.push(await brokerSampler.stop());
  if (opts.signal?.aborted) throw new RunAbortedError();
  if (faultError) throw new Error(`${tag} the broker did not come back after the kill: ${faultError.message}`);

  const source = `mqbench output (${broker.variant} ${run.name})`;
  let out;
  try {
    out = parseHarnessOutput(exit.stdout, source);
  } catch (err) {
    if (!(err instanceof HarnessOutputError)) throw err;
    throw new Error(`${tag} ${err.message}; harness exit ${exit.signal ?? exit.code}; last stderr lines:\n${exit.stderrTail}\nbroker log:\n${broker.tail()}`);
  }
  const wall = (out.result.finishedAtUnixMs - out.result.startedAtUnixMs) / 1000;
  const brokerUsage = combineUsage(brokerParts, 'broker', wall);
  const notes: string[] = [];
  if (settings.replicationFactor > 1) notes.push(`local brokers are single nodes: replication factor ${settings.replicationFactor} of the config ran as 1`);
  if (killedAtMs !== undefined && restartMs !== undefined) notes.push(`local fault: broker process SIGKILLed and restarted at once on the same data; it served clients again ${(restartMs / 1000).toFixed(2)} s after the kill`);
  const result = messagingRunResult(out, {
    variant: broker.variant,
    run,
    target: 'local',
    profile: opts.profile,
    workload,
    resources: harnessUsage ? [brokerUsage, harnessUsage] : [brokerUsage],
    environment: opts.environment,
    label: opts.label,
    faultAtSeconds: killedAtMs === undefined ? undefined : (killedAtMs - out.result.productionStartUnixMs) / 1000,
    recoveryTolerance: settings.recoveryTolerance,
    coldStartMs: opts.brokerColdStartMs,
    natsSync: { interval: settings.natsSyncInterval, serverVersion: opts.brokerVersion },
    notes,
  });
  const keep = process.env[KEEP_OUTPUT_ENV];
  if (keep) {
    fs.mkdirSync(keep, { recursive: true });
    fs.writeFileSync(path.join(keep, `${result.id}.jsonl`), exit.stdout);
  }
  return withBrokerCost(result);
}

/**
 * Writes dirty pages to disk before a run (sync(1)), so the writeback of one run's files — a
 * max-throughput run writes and deletes about a gigabyte — does not land in the next.
 */
function flushWriteback(): void {
  try {
    execFileSync('sync', [], { stdio: 'ignore', timeout: 60_000 });
  } catch {
    // no sync(1): runs just share the writeback
  }
}

/** The result with a modelled cost of the broker's resources only (the harness is the load generator). */
export function withBrokerCost(result: RunResult): RunResult {
  const priced = withModelledCost({ ...result, resources: result.resources.filter((r) => r.component === 'broker') }, undefined, { unit: 'messages' });
  if (!priced.cost) return result;
  return RunResultSchema.parse({ ...result, cost: priced.cost, notes: [...priced.notes, 'cost covers the broker process only, not the harness'] });
}
