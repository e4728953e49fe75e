/**
 * The Pulumi program: `pulumi up --stack runtime-go` and friends. Reads every `perflab:*` key
 * of the stack (stacks/Pulumi.<stack>.yaml) plus the cluster knobs (`perflab-cluster:*`),
 * validates them before any resource exists — a bad value stops the program with the same
 * message `npx perflab run` would give — checks what the stack expects to find on the cluster
 * (with `perflab-cluster:operators: preinstalled`: the operators' CRDs, the cost tool's Service),
 * builds the experiment and exports its results.
 */
import * as pulumi from '@pulumi/pulumi';
import { clusterStack } from './experiments/cluster-programs';
import { CostTooling } from './experiments/cost-tooling/component';
import { stackPrerequisites } from './experiments/stack-requirements';
import { ConfigError } from './src/config/errors';
import { StackSpec } from './src/cluster/stack-spec';
import { ClusterProgram } from './src/cluster/cluster-program';
import { deployAfter, preflight as checkCluster } from './src/cluster/preflight';
import { failedThresholdsMessage } from './src/results/thresholds';

/** This stack's validated config and its experiment's cluster program, or a RunError carrying the config message. */
function readStack(): { spec: StackSpec; program: ClusterProgram } {
  try {
    return clusterStack(pulumi.getStack(), pulumi.runtime.allConfig());
  } catch (err) {
    // RunError: Pulumi prints the message alone, without a stack trace.
    if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

const { spec: stackConfig, program } = readStack();
// Nothing is registered until the cluster is known to have what the stack does not install.
const ready = checkCluster(stackPrerequisites(stackConfig, program));
const { outputs, built } = deployAfter(ready, () => {
  // A stack that installs a cost tool reads its runs' cost from it; others read the cluster's
  // existing tool at perflab:costApi, or model the cost when there is none.
  const costTooling =
    stackConfig.cost.tooling.tool === 'none'
      ? undefined
      : new CostTooling('cost', { config: stackConfig.cost.tooling, target: stackConfig.spec.target, operators: stackConfig.options.operators });
  const costApi = costTooling?.costApi;
  return program.deploy(stackConfig, {
    cost: costApi
      ? { source: costApi.tool, namespace: costApi.namespace, service: costApi.service, port: costApi.port, allocationPath: costApi.allocationPath, settleSeconds: stackConfig.cost.settleSeconds, pricing: costApi.pricing, pricingDate: costApi.pricingDate }
      : stackConfig.cost.read,
    dependsOn: costTooling ? [costTooling] : [],
  });
});

/** What the stack found on the cluster before it created anything; a missing operator fails the update here, naming it. */
export const preflight = built;
/** The whole RunResult (`pulumi stack output runResult --json > results/<experiment>/<id>.json`). */
export const runResult = outputs.runResult;
/** Median latency of the run, ms. */
export const p50Ms = outputs.p50Ms;
/** 95th percentile latency, ms. */
export const p95Ms = outputs.p95Ms;
/** 99th percentile latency, ms. */
export const p99Ms = outputs.p99Ms;
/** Main throughput: requests, transactions or messages per second. */
export const throughput = outputs.throughput;
/** Share of failed operations, 0..1. */
export const errorRate = outputs.errorRate;
/** CPU core-seconds the system under test used during the run. */
export const cpuCoreSeconds = outputs.cpuCoreSeconds;
/** Peak memory of the system under test during the run, bytes. */
export const memoryPeakBytes = outputs.memoryPeakBytes;
/** Whether every threshold of the profile held. */
export const thresholdsPassed = outputs.thresholdsPassed;
// A run that missed its thresholds is still a measurement (its RunResult is kept); the update says so plainly.
outputs.runResult.apply((r) => {
  if (typeof r?.thresholdsPassed !== 'boolean') return; // not read yet (preview, mocks)
  const failed = failedThresholdsMessage({ id: r.id, thresholdsPassed: r.thresholdsPassed, thresholds: r.thresholds ?? [], notes: r.notes ?? [], totalRequests: r.throughput?.totalRequests });
  if (failed) pulumi.log.warn(failed);
});
/** Namespace of the run. */
export const namespace = stackConfig.spec.namespace;
