/**
 * Every rule of the lab, in the order they are reported. Both front ends take their rules from
 * here: the CrossGuard pack (policies/policy-list.ts) and `perflab check` (src/policy/check.ts).
 */
import { Rule } from '../../src/policy/types';
import { cloudEphemeral } from './cloud-ephemeral';
import { cloudSize } from './cloud-size';
import { cloudTags } from './cloud-tags';
import { containerResources, limitsCoverRequests } from './container-resources';
import { costBudget } from './cost-budget';
import { noHostNamespaces, noHostPath, noPrivilegedContainers } from './host-access';
import { imagePinned } from './image-pinned';
import { labRunLabels, recommendedLabels } from './labels';
import { loadRunDeadline } from './load-run-deadline';
import { loadRunPlacement } from './load-run-placement';
import { loadRunThresholds } from './load-run-thresholds';
import { namespaceSet } from './namespace-set';
import { plaintextSecrets } from './plaintext-secrets';
import { dropAllCapabilities, noPrivilegeEscalation, readOnlyRootFilesystem, runAsNonRoot, seccompRuntimeDefault } from './pod-security';
import { secretConfig } from './secret-config';
import { automountServiceAccountToken } from './service-account-token';
import { serviceExposure } from './service-exposure';
import { statefulPdb } from './stateful-pdb';
import { sutReplicas } from './sut-replicas';
import { workloadProbes } from './workload-probes';

/** All rules, resource rules first (fairness, supply chain, security, hygiene), then stack rules. */
export const ALL_RULES: readonly Rule[] = [
  containerResources,
  limitsCoverRequests,
  imagePinned,
  workloadProbes,
  sutReplicas,
  runAsNonRoot,
  noPrivilegeEscalation,
  readOnlyRootFilesystem,
  seccompRuntimeDefault,
  dropAllCapabilities,
  noPrivilegedContainers,
  noHostNamespaces,
  noHostPath,
  automountServiceAccountToken,
  serviceExposure,
  namespaceSet,
  labRunLabels,
  recommendedLabels,
  plaintextSecrets,
  loadRunDeadline,
  cloudTags,
  cloudSize,
  cloudEphemeral,
  loadRunThresholds,
  loadRunPlacement,
  statefulPdb,
  costBudget,
  secretConfig,
];

/** A rule by id, or undefined. */
export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
