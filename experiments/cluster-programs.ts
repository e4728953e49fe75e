/** Experiments that deploy to a cluster (`pulumi up --stack <stack>`), by experiment name. */
import { ClusterProgram } from '../src/cluster/cluster-program';
import { runtimeClusterProgram } from './runtime/cluster-program';

/** Cluster programs by `perflab:experiment`. */
export const clusterPrograms: Readonly<Record<string, ClusterProgram>> = {
  [runtimeClusterProgram.experiment]: runtimeClusterProgram,
  mesh: (require('./mesh/cluster-program') as typeof import('./mesh/cluster-program')).meshClusterProgram,
};
