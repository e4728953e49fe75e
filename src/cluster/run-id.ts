/**
 * The run id of a cluster run: `<experiment>-<variant>-<8 hex>`, a hash of everything that
 * shapes the run (spec, cluster knobs, stack). The same config gives the same id — so a
 * repeated `pulumi up` changes nothing — and any change (or `perflab-cluster:repeat`) gives a
 * new one, which names a new k6 Job and a new results resource. Where the operators come from
 * (`perflab-cluster:operators`) does not shape the run and is left out.
 */
import * as crypto from 'crypto';
import { ExperimentSpec } from '../config/spec';
import { ClusterOptions } from './cluster-config';

/** The run id for a spec on a stack; a valid label value and DNS-1123 name part. */
export function deriveRunId(spec: ExperimentSpec, options: ClusterOptions, stack: string): string {
  const { operators: _operators, ...shaping } = options;
  const material = JSON.stringify({
    stack,
    experiment: spec.experiment.name,
    variant: spec.variant,
    target: spec.target,
    namespace: spec.namespace,
    profile: spec.profile,
    settings: spec.settings,
    options: shaping,
  });
  const hash = crypto.createHash('sha256').update(material).digest('hex').slice(0, 8);
  const prefix = `${spec.experiment.name}-${spec.variant}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40).replace(/-+$/, '');
  return `${prefix}-${hash}`;
}
