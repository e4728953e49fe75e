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
 * Resolves when the cluster has `required`, to what was checked (at once when nothing is
 * required, and under mocks without an injected inventory); rejects with the RunError of
 * checkPrerequisites otherwise.
 */
export async function preflight(required: Prerequisites): Promise<string> {
  const names = [...required.crds.map((c) => c.name), ...(required.services ?? []).map((s) => `service ${s.namespace}/${s.name}`)];
  if (!names.length) return 'nothing to check: the stack installs what it needs';
  const inventory = resolveClusterInventory();
  if (!inventory) return `not checked (no cluster under mocks): ${names.join(', ')}`;
  await checkPrerequisites(required, inventory);
  return `found on ${inventory.describe()}: ${names.join(', ')}`;
}

/** The stack's outputs and the one promise that says whether it was built. */
export interface Deployment {
  /** Outputs available at once; each resolves to undefined when the stack was not built. */
  readonly outputs: ExperimentOutputs;
  /**
   * What the preflight found, once the stack's resources are registered; rejects with the
   * preflight's RunError (or an error of building the experiment). Export it: Pulumi awaits
   * stack outputs, so its rejection fails the update with the message alone.
   */
  readonly built: Promise<string>;
}

/**
 * Runs `deploy` once `ready` resolves. The failure travels in `built` only: an Output that
 * rejects would leave rejected promises inside Pulumi's Output that nobody reads.
 */
export function deployAfter(ready: Promise<string>, deploy: () => ExperimentOutputs): Deployment {
  const deployed = ready.then((checked) => ({ checked, outputs: deploy() }));
  const pick = <K extends keyof ExperimentOutputs>(key: K): ExperimentOutputs[K] =>
    pulumi.output(deployed.then((d) => d.outputs[key], () => undefined)) as unknown as ExperimentOutputs[K];
  return {
    outputs: {
      runResult: pick('runResult'),
      p50Ms: pick('p50Ms'),
      p95Ms: pick('p95Ms'),
      p99Ms: pick('p99Ms'),
      throughput: pick('throughput'),
      errorRate: pick('errorRate'),
      cpuCoreSeconds: pick('cpuCoreSeconds'),
      memoryPeakBytes: pick('memoryPeakBytes'),
      thresholdsPassed: pick('thresholdsPassed'),
    },
    built: deployed.then((d) => d.checked),
  };
}
