/**
 * The Pulumi program's preflight: with `perflab-cluster:operators: preinstalled` (or an
 * experiment's own "already installed" flag) the stack's prerequisites are checked against the
 * cluster BEFORE any of its resources is registered; `deployAfter` then builds the experiment
 * and hands its outputs back as Outputs available at once, so index.ts keeps plain exports.
 */
import * as pulumi from '@pulumi/pulumi';
import { ExperimentOutputs } from './cluster-program';
import { resolveClusterInventory } from './cluster-inventory';
import { Prerequisites, checkPrerequisites } from './prerequisites';

/**
 * Resolves when the cluster has `required` (at once when nothing is required, and under mocks
 * without an injected inventory); rejects with the RunError of checkPrerequisites otherwise.
 */
export function preflight(required: Prerequisites): Promise<void> {
  if (!required.crds.length && !required.services?.length) return Promise.resolve();
  const inventory = resolveClusterInventory();
  if (!inventory) return Promise.resolve();
  return checkPrerequisites(required, inventory);
}

/** Runs `deploy` once `ready` resolves; a rejection of `ready` rejects every output (and so the update) with its error. */
export function deployAfter(ready: Promise<void>, deploy: () => ExperimentOutputs): ExperimentOutputs {
  const deployed = ready.then(deploy);
  const pick = <K extends keyof ExperimentOutputs>(key: K): ExperimentOutputs[K] =>
    pulumi.output(deployed.then((o) => o[key])) as unknown as ExperimentOutputs[K];
  return {
    runResult: pick('runResult'),
    p50Ms: pick('p50Ms'),
    p95Ms: pick('p95Ms'),
    p99Ms: pick('p99Ms'),
    throughput: pick('throughput'),
    errorRate: pick('errorRate'),
    cpuCoreSeconds: pick('cpuCoreSeconds'),
    memoryPeakBytes: pick('memoryPeakBytes'),
    thresholdsPassed: pick('thresholdsPassed'),
  };
}
