/**
 * The one place that defines perflab's Kubernetes labels. Every object perflab creates carries
 * the recommended `app.kubernetes.io/*` labels plus `perflab.dev/{experiment,variant,run}`;
 * selectors use the stable subset (no run id), so a new run never changes an immutable selector.
 */

/** Label keys perflab sets on every object. */
export const LABEL = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  experiment: 'perflab.dev/experiment',
  variant: 'perflab.dev/variant',
  run: 'perflab.dev/run',
} as const;

/**
 * Marks shared infrastructure that belongs to no single run (the cost tool, its dashboard):
 * `perflab.dev/component: cost-tooling`. Such objects carry it instead of the run labels.
 */
export const SHARED_COMPONENT_LABEL = 'perflab.dev/component';

/** Annotations perflab sets. */
export const ANNOTATION = {
  /** Deadline of a load run that has no activeDeadlineSeconds of its own (a k6-operator TestRun). */
  deadlineSeconds: 'perflab.dev/deadline-seconds',
  /**
   * Thresholds a load run is judged by, as the JSON of the profile's `thresholds`, on load runs
   * whose tool has no k6 script to hold them (the database workloads, the messaging harness).
   */
  thresholds: 'perflab.dev/thresholds',
} as const;

/** Value of `app.kubernetes.io/part-of` and `app.kubernetes.io/managed-by`. */
export const PERFLAB = 'perflab';

/** Which run an object belongs to: the same for every object of one experiment run. */
export interface RunIdentity {
  /** Experiment name, e.g. `runtime`. */
  readonly experiment: string;
  /** Variant name, e.g. `go`. */
  readonly variant: string;
  /** Run id (see src/cluster/run-id.ts), e.g. `runtime-go-1a2b3c4d`. */
  readonly run: string;
}

/** What one object is within the run. */
export interface WorkloadIdentity extends RunIdentity {
  /** `app.kubernetes.io/name`: what the workload is, e.g. `runtime-api`, `k6`. */
  readonly name: string;
  /** `app.kubernetes.io/component`: its role, e.g. `server`, `load-generator`. */
  readonly component: string;
  /** `app.kubernetes.io/instance`. @default `<experiment>-<variant>` */
  readonly instance?: string;
}

/** Kubernetes label value rule: ≤ 63 characters, alphanumerics, `-`, `_`, `.`, alphanumeric at both ends. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Throws naming the label and value when `value` cannot be a Kubernetes label value. */
export function checkLabelValue(key: string, value: string): void {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    throw new Error(
      `label ${key}: ${JSON.stringify(value)} is not a valid label value; allowed: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
    );
  }
}

function instanceOf(id: WorkloadIdentity): string {
  return id.instance ?? `${id.experiment}-${id.variant}`;
}

/** Labels that select a workload's pods: stable across runs (no run id). */
export function selectorLabels(id: WorkloadIdentity): Record<string, string> {
  const labels = {
    [LABEL.name]: id.name,
    [LABEL.instance]: instanceOf(id),
    [LABEL.component]: id.component,
  };
  for (const [k, v] of Object.entries(labels)) checkLabelValue(k, v);
  return labels;
}

/** Every perflab label for one object of a run. */
export function perflabLabels(id: WorkloadIdentity): Record<string, string> {
  const run = { [LABEL.experiment]: id.experiment, [LABEL.variant]: id.variant, [LABEL.run]: id.run };
  for (const [k, v] of Object.entries(run)) checkLabelValue(k, v);
  return { ...selectorLabels(id), [LABEL.partOf]: PERFLAB, [LABEL.managedBy]: PERFLAB, ...run };
}

/** Keys every perflab object must carry (for tests and policies). */
export const REQUIRED_LABEL_KEYS: readonly string[] = Object.values(LABEL);

/** Labels of the experiment's Namespace (name = namespace, component = `namespace`). */
export function namespaceLabels(id: RunIdentity, namespace: string): Record<string, string> {
  return perflabLabels({ ...id, name: namespace, component: 'namespace' });
}
