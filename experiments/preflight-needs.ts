/**
 * A synthesized stack → what `perflab preflight` checks on a cluster: the prerequisites the
 * Pulumi program checks (stack-requirements.ts), the CRDs the stack's own releases install, the
 * custom kinds, images and node count its manifests need, and its Helm charts.
 */
import { PreflightNeeds } from '../src/cluster/preflight-checks';
import { k6Prerequisites } from '../src/cluster/prerequisites';
import { CrdEntry, shippedCrds } from '../src/cluster/shipped-crds';
import { customKindsOf, imagesOf, nodeNeedOf } from '../src/cluster/stack-needs';
import type { StackSynthesis } from '../src/cluster/synth-stack';
import { stackCharts, stackPrerequisites } from './stack-requirements';

/**
 * The needs of a synthesized stack. With `perflab-cluster:operators: helm` the CRDs the stack's
 * releases install are what the same stack would require when preinstalled, less the k6-operator's
 * TestRun CRD (no stack installs the k6-operator: with k6Mode testrun it must be on the cluster).
 */
export function preflightNeeds(synthesis: StackSynthesis, shipped: readonly CrdEntry[] = shippedCrds()): PreflightNeeds {
  const { program } = synthesis;
  const helm = synthesis.options.operators === 'helm';
  const asPreinstalled = { ...synthesis, options: { ...synthesis.options, operators: 'preinstalled' as const } };
  const k6Crds = new Set(k6Prerequisites(asPreinstalled.options).crds.map((c) => c.name));
  return {
    prerequisites: stackPrerequisites(synthesis, program),
    installedByStack: helm ? stackPrerequisites(asPreinstalled, program).crds.filter((c) => !k6Crds.has(c.name)) : [],
    customKinds: customKindsOf(synthesis.objects, shipped),
    charts: stackCharts(synthesis, program),
    images: imagesOf(synthesis.objects),
    nodes: nodeNeedOf(synthesis.objects, synthesis.options),
  };
}
