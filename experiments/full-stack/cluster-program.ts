/** The full-stack experiment's cluster side: its component for `pulumi up`, its chart for synth. */
import { ClusterProgram, outputsOfResults } from '../../src/cluster/cluster-program';
import { FullStackExperiment } from './component';
import { buildFullStackChart, synthesizeFullStackChart } from './cluster/chart';
import { compositionMesh } from './cluster/mesh-enrolment';
import { fullStackPrerequisites } from './required-crds';
import { fullStackCharts } from './chart-list';

/** Deploys FullStackExperiment; synthesizes the composition's chart. */
export const fullStackClusterProgram: ClusterProgram = {
  experiment: 'full-stack',
  deploy: (s, extra) =>
    outputsOfResults(
      new FullStackExperiment(`${s.spec.experiment.name}-${s.spec.variant}`, { spec: s.spec, runId: s.runId, stack: s.stack, options: s.options, ...extra }).results,
    ),
  prerequisites: fullStackPrerequisites,
  charts: fullStackCharts,
  synthesize: (s) => synthesizeFullStackChart(s.spec, s.runId, s.options),
  namespaceLabels: (s) => compositionMesh(buildFullStackChart(s.spec, s.runId, s.options).choice).namespaceLabels,
};
