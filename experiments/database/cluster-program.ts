/**
 * The database experiment's cluster side for index.ts and `perflab synth`: DatabaseExperiment
 * for `pulumi up`, the synthesized manifests (cluster-scoped Crossplane objects first) offline.
 * Register it in experiments/cluster-programs.ts.
 */
import { ClusterProgram } from '../../src/cluster/cluster-program';
import { DatabaseExperiment } from './component';
import { synthesizeDatabase } from './manifests/chart';
import { databasePrerequisites, installsDatabaseOperator } from './required-crds';
import { operatorCharts } from './operators';

/** Deploys DatabaseExperiment; synthesizes the database manifests and the workload Job. */
export const databaseClusterProgram: ClusterProgram = {
  experiment: 'database',
  deploy: (s, extra) => {
    const e = new DatabaseExperiment(`${s.spec.experiment.name}-${s.spec.variant}`, { spec: s.spec, runId: s.runId, label: s.stack, cost: extra.cost, operators: s.options.operators }, { dependsOn: extra.dependsOn });
    return {
      runResult: e.runResult,
      p50Ms: e.p50Ms,
      p95Ms: e.p95Ms,
      p99Ms: e.p99Ms,
      throughput: e.tps,
      errorRate: e.errorRate,
      cpuCoreSeconds: e.cpuCoreSeconds,
      memoryPeakBytes: e.memoryPeakBytes,
      thresholdsPassed: e.thresholdsPassed,
    };
  },
  prerequisites: databasePrerequisites,
  charts: (s) =>
    installsDatabaseOperator(s)
      ? operatorCharts(synthesizeDatabase(s.spec, s.runId, s.options.operators).path)
      : [],
  synthesize: (s) => {
    const m = synthesizeDatabase(s.spec, s.runId, s.options.operators);
    return [...m.clusterScoped, ...m.namespaced];
  },
};
