/**
 * The labels cost is allocated by. OpenCost aggregates by any pod label (`aggregate=label:<name>`) and by
 * namespace; perflab puts experiment, variant and run on every object (constructs/labels.ts) and team and
 * project where a stack sets them, so a cost can be read per run, per variant, per team or per project.
 */
import { LABEL } from '../../constructs/labels';

/** Pod labels cost is allocated by. */
export const ALLOCATION_LABELS = {
  experiment: LABEL.experiment,
  variant: LABEL.variant,
  run: LABEL.run,
  team: 'perflab.dev/team',
  project: 'perflab.dev/project',
} as const;

/** The `aggregate` values of the allocation queries perflab reads and documents: namespace, then each label. */
export function allocationAggregates(): string[] {
  return ['namespace', ...Object.values(ALLOCATION_LABELS).map((l) => `label:${l}`)];
}

/** A label name as Prometheus (and kube-state-metrics' `kube_pod_labels`) spells it: `perflab.dev/run` → `label_perflab_dev_run`. */
export function prometheusLabel(label: string): string {
  return `label_${label.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}
