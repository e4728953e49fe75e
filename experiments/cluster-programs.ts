/** Experiments that deploy to a cluster (`pulumi up --stack <stack>`), by experiment name. */
import { ConfigError } from '../src/config/errors';
import { ClusterProgram } from '../src/cluster/cluster-program';
import { StackSpec, stackSpec } from '../src/cluster/stack-spec';
import { databaseClusterProgram } from './database/cluster-program';
import { fullStackClusterProgram } from './full-stack/cluster-program';
import { meshClusterProgram } from './mesh/cluster-program';
import { messagingClusterProgram } from './messaging/cluster-program';
import { runtimeClusterProgram } from './runtime/cluster-program';

/** Cluster programs by `perflab:experiment`. */
export const clusterPrograms: Readonly<Record<string, ClusterProgram>> = Object.fromEntries(
  [runtimeClusterProgram, databaseClusterProgram, messagingClusterProgram, meshClusterProgram, fullStackClusterProgram].map((p) => [p.experiment, p]),
);

/**
 * Validates a stack's config (stackSpec) and finds its experiment's cluster program; one
 * ConfigError names every problem, including an experiment that has no cluster program.
 */
export function clusterStack(stack: string, config: Readonly<Record<string, unknown>>): { spec: StackSpec; program: ClusterProgram } {
  const spec = stackSpec(stack, config);
  const program = clusterPrograms[spec.spec.experiment.name];
  if (!program) {
    throw new ConfigError([
      `perflab:experiment: "${spec.spec.experiment.name}" has no cluster program yet; allowed here: ${Object.keys(clusterPrograms).join(', ')}`,
    ]);
  }
  return { spec, program };
}
