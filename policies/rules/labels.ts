/**
 * Labels: the lab's run labels (`perflab.dev/experiment`, `variant`, `run`) on every Kubernetes
 * object of a run and on every pod template — OpenCost allocates cost by pod label, so an
 * unlabelled pod's cost belongs to no run — and the recommended `app.kubernetes.io/*` labels
 * (advisory). The keys come from constructs/labels.ts, the one place that defines them. Shared lab
 * infrastructure that marks itself `perflab.dev/component: <shared component>` belongs to no run.
 */
import { LABEL, SHARED_COMPONENT_LABEL } from '../../constructs/labels';
import { isKubernetesObject, joinAnd, labelsOf, podViewOf } from '../../src/policy/manifest';
import { Manifest, ResourceRule } from '../../src/policy/types';

/** Settings of a label rule. */
export interface LabelSettings {
  /** Label keys every object must carry with a non-empty value. */
  readonly required: readonly string[];
}

/** Settings of lab-run-labels. */
export interface RunLabelSettings extends LabelSettings {
  /** Values of SHARED_COMPONENT_LABEL that mark shared lab infrastructure, which belongs to no run. */
  readonly sharedComponents: readonly string[];
}

/**
 * Label with which lab infrastructure shared by all runs (installed once per cluster, e.g. the
 * cost tooling of experiments/cost-tooling) marks itself; its cost is lab overhead, not a run's.
 */
export { SHARED_COMPONENT_LABEL };

/** The run labels cost attribution needs. */
export const RUN_LABEL_KEYS: readonly string[] = [LABEL.experiment, LABEL.variant, LABEL.run];

/** The recommended `app.kubernetes.io/*` labels perflab sets. */
export const RECOMMENDED_LABEL_KEYS: readonly string[] = [LABEL.name, LABEL.instance, LABEL.component, LABEL.partOf, LABEL.managedBy];

function missingKeys(labels: Readonly<Record<string, string>>, required: readonly string[]): string[] {
  return required.filter((k) => typeof labels[k] !== 'string' || labels[k] === '');
}

function labelCheck(object: Manifest, required: readonly string[], podTemplates: boolean): string[] {
  if (!isKubernetesObject(object)) return [];
  const out: string[] = [];
  const missing = missingKeys(labelsOf(object), required);
  if (missing.length) out.push(`metadata.labels is missing ${joinAnd(missing)}`);
  const pod = podTemplates ? podViewOf(object) : undefined;
  if (pod && pod.path !== 'spec') {
    const metaPath = pod.path === 'spec.runner' ? 'spec.runner.metadata.labels' : `${pod.path.replace(/\.spec$/, '')}.metadata.labels`;
    const podMissing = missingKeys(pod.metadata.labels ?? {}, required);
    if (podMissing.length) out.push(`${metaPath} (the pods) is missing ${joinAnd(podMissing)}`);
  }
  return out;
}

const schema = { required: { type: 'array' as const, items: { type: 'string' as const }, description: 'Label keys every object must carry.' } };

/** Every Kubernetes object and pod template of a run carries the run labels; shared lab infrastructure is exempt. */
export const labRunLabels: ResourceRule<RunLabelSettings> = {
  scope: 'resource',
  id: 'lab-run-labels',
  description: `Every Kubernetes object of a run, and every pod template, carries ${RUN_LABEL_KEYS.join(', ')}.`,
  level: 'mandatory',
  mirrors: ['Kyverno best-practices require-labels', 'kube-linter required-label-owner (required-label template)'],
  settingsSchema: {
    required: { ...schema.required, default: [...RUN_LABEL_KEYS] },
    sharedComponents: {
      type: 'array',
      items: { type: 'string' },
      description: `Values of ${SHARED_COMPONENT_LABEL} that mark shared lab infrastructure (exempt: it belongs to no run).`,
      default: ['cost-tooling'],
    },
  },
  defaults: { required: RUN_LABEL_KEYS, sharedComponents: ['cost-tooling'] },
  check: (object, { settings }) =>
    settings.sharedComponents.includes(labelsOf(object)[SHARED_COMPONENT_LABEL] ?? '') ? [] : labelCheck(object, settings.required, true),
};

/** Every Kubernetes object carries the recommended app.kubernetes.io labels. */
export const recommendedLabels: ResourceRule<LabelSettings> = {
  scope: 'resource',
  id: 'recommended-labels',
  description: 'Every Kubernetes object carries the recommended app.kubernetes.io/{name,instance,component,part-of,managed-by} labels.',
  level: 'advisory',
  mirrors: ['Kubernetes recommended labels (app.kubernetes.io/*)', 'Kyverno best-practices require-labels'],
  settingsSchema: { required: { ...schema.required, default: [...RECOMMENDED_LABEL_KEYS] } },
  defaults: { required: RECOMMENDED_LABEL_KEYS },
  check: (object, { settings }) => labelCheck(object, settings.required, false),
};
