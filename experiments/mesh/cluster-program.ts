/** The mesh experiment's cluster side: its component for `pulumi up`, its chart for synth. */
import { ClusterProgram, DeployExtras } from '../../src/cluster/cluster-program';
import type { StackSpec } from '../../src/cluster/stack-spec';
import { MeshExperiment } from './component';
import { meshProfile } from './meshes';
import { meshPrerequisites } from './required-crds';
import { k6Prerequisites, mergePrerequisites } from '../../src/cluster/prerequisites';
import { synthesizeMeshChart } from './workload-chart';
import { NO_LINKERD_IDENTITY, meshReleases } from './helm-releases';
import { gatewayApiCrdSource } from '../../src/cluster/cluster-config';

/** Deploys MeshExperiment (headline outputs: the highest-rate step); synthesizes the mesh chart. */
export const meshClusterProgram: ClusterProgram = {
  experiment: 'mesh',
  deploy: (s: StackSpec, extra: DeployExtras) => {
    const e = new MeshExperiment(`${s.spec.experiment.name}-${s.spec.variant}`, {
      spec: s.spec,
      runId: s.runId,
      stack: s.stack,
      options: s.options,
      cost: extra.cost,
      dependsOn: extra.dependsOn,
    });
    const r = e.headline;
    return {
      runResult: r.runResult,
      p50Ms: r.p50Ms,
      p95Ms: r.p95Ms,
      p99Ms: r.p99Ms,
      throughput: r.rps,
      errorRate: r.errorRate,
      cpuCoreSeconds: r.cpuCoreSeconds,
      memoryPeakBytes: r.memoryPeakBytes,
      thresholdsPassed: r.thresholdsPassed,
    };
  },
  prerequisites: (s) => mergePrerequisites(meshPrerequisites(meshProfile(s.spec.variant).variant, s.options.operators), k6Prerequisites(s.options)),
  synthesize: (s) => synthesizeMeshChart(s.spec, s.runId, s.options),
  charts: (s) =>
    s.options.operators === 'helm'
      ? meshReleases(meshProfile(s.spec.variant).variant, s.spec.target, NO_LINKERD_IDENTITY, gatewayApiCrdSource(s.options, s.spec.target)).map((r) => ({ repo: r.repo, chart: r.chart, version: r.version, release: r.name, namespace: r.namespace, values: r.values }))
      : [],
  namespaceLabels: (s) => meshProfile(s.spec.variant).namespaceLabels,
};
