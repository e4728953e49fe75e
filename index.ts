/**
 * The Pulumi program: `pulumi up --stack runtime-go` and friends. Reads every `perflab:*` key
 * of the stack (stacks/Pulumi.<stack>.yaml) plus the cluster knobs (`perflab-cluster:*`),
 * validates them before any resource exists — a bad value stops the program with the same
 * message `npx perflab run` would give — builds the experiment and exports its results.
 */
import * as pulumi from '@pulumi/pulumi';
import { RuntimeExperiment } from './experiments/runtime/component';
import { ConfigError } from './src/config/errors';
import { StackSpec, stackSpec } from './src/cluster/stack-spec';

/** This stack's validated config, or a RunError carrying the config message. */
function readStack(): StackSpec {
  try {
    return stackSpec(pulumi.getStack(), pulumi.runtime.allConfig());
  } catch (err) {
    // RunError: Pulumi prints the message alone, without a stack trace.
    if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

const { stack, spec, options, runId } = readStack();
const experiment = new RuntimeExperiment(`${spec.experiment.name}-${spec.variant}`, { spec, runId, label: stack, options });

/** Median latency of the run, ms. */
export const p50Ms = experiment.p50Ms;
/** 95th percentile latency, ms. */
export const p95Ms = experiment.p95Ms;
/** 99th percentile latency, ms. */
export const p99Ms = experiment.p99Ms;
/** Mean requests per second. */
export const rps = experiment.rps;
/** Share of failed requests, 0..1. */
export const errorRate = experiment.errorRate;
/** CPU core-seconds the API used during the run (metrics.k8s.io). */
export const cpuCoreSeconds = experiment.cpuCoreSeconds;
/** Peak working-set memory of the API during the run, bytes. */
export const memoryPeakBytes = experiment.memoryPeakBytes;
/** Whether every threshold of the profile held. */
export const thresholdsPassed = experiment.thresholdsPassed;
/** The whole RunResult (`pulumi stack output runResult --json > results/runtime/<id>.json`). */
export const runResult = experiment.runResult;
/** Namespace of the run. */
export const namespace = spec.namespace;
