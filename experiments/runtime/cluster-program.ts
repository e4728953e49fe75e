/** The runtime experiment's cluster side: its component for `pulumi up`, its chart for synth. */
import { synthesizeRuntimeChart } from '../../charts/runtime-chart';
import { ClusterProgram } from '../../src/cluster/cluster-program';
import { RuntimeExperiment } from './component';
import { k6Prerequisites } from '../../src/cluster/prerequisites';

/** Deploys RuntimeExperiment; synthesizes the runtime chart. */
export const runtimeClusterProgram: ClusterProgram = {
  experiment: 'runtime',
  deploy: (s, extra) => {
    const e = new RuntimeExperiment(
      `${s.spec.experiment.name}-${s.spec.variant}`,
      { spec: s.spec, runId: s.runId, label: s.stack, options: s.options, cost: extra.cost },
      { dependsOn: extra.dependsOn },
    );
    return {
      runResult: e.runResult,
      p50Ms: e.p50Ms,
      p95Ms: e.p95Ms,
      p99Ms: e.p99Ms,
      throughput: e.rps,
      errorRate: e.errorRate,
      cpuCoreSeconds: e.cpuCoreSeconds,
      memoryPeakBytes: e.memoryPeakBytes,
      thresholdsPassed: e.thresholdsPassed,
    };
  },
  prerequisites: (s) => k6Prerequisites(s.options),
  synthesize: (s) => synthesizeRuntimeChart(s.spec, s.runId, s.options) as Record<string, unknown>[],
};
