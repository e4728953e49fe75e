/**
 * The Kubernetes objects a stack applies, without a cluster or Pulumi: the Namespace the
 * component creates plus the experiment's manifests, in apply order. `perflab synth` writes them; the
 * bench times them. The experiments' cluster programs (and with them the Pulumi SDK, seconds to load)
 * are loaded on the first synthesis, not when a command that might synthesize is registered.
 */
import { namespaceLabels } from '../../constructs/labels';
import { StackSpec } from './stack-spec';
import type { ClusterProgram } from './cluster-program';
import { REPO_ROOT, readStackConfig, stackFilePath } from './stack-file';

/** A stack's validated spec and its manifest objects. */
export interface StackSynthesis extends StackSpec {
  /** Namespace first, then the chart's objects. */
  readonly objects: Record<string, unknown>[];
  /** The experiment's cluster program that made them. */
  readonly program: ClusterProgram;
}

/** Synthesizes `stacks/Pulumi.<stack>.yaml` under `root`; throws StackFileError or ConfigError. */
export function synthesizeStack(stack: string, root = REPO_ROOT): StackSynthesis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { clusterStack } = require('../../experiments/cluster-programs') as typeof import('../../experiments/cluster-programs');
  const { spec: s, program } = clusterStack(stack, readStackConfig(stackFilePath(stack, root)));
  const identity = { experiment: s.spec.experiment.name, variant: s.spec.variant, run: s.runId };
  const labels = { ...namespaceLabels(identity, s.spec.namespace), ...(program.namespaceLabels?.(s) ?? {}) };
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: s.spec.namespace, labels } };
  return { ...s, objects: [namespace, ...program.synthesize(s)], program };
}
