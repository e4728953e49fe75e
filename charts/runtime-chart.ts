/**
 * The runtime experiment's workload for one ExperimentSpec: RuntimeApi (the variant's API, the
 * system under test) and K6Run (the load, placed away from it), in the spec's namespace.
 * `synthesizeRuntimeChart` returns the plain manifest objects without writing files.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { runtimeVariants } from '../experiments/runtime/variants';
import { RuntimeVariantName } from '../experiments/runtime/variant-spec';
import { ExperimentSpec } from '../src/config/spec';
import { ClusterOptions, DEFAULT_CLUSTER_OPTIONS } from '../src/cluster/cluster-config';
import { K6Run } from '../constructs/k6-run';
import { RunIdentity } from '../constructs/labels';
import { RuntimeApi } from '../constructs/runtime-api';

/** Props of RuntimeChart. */
export interface RuntimeChartProps {
  /** A validated spec of the runtime experiment (parseExperimentConfig). */
  readonly spec: ExperimentSpec;
  /** Run id (src/cluster/run-id.ts). */
  readonly runId: string;
  /** Cluster-side knobs (k6 mode, parallelism, placement). @default DEFAULT_CLUSTER_OPTIONS */
  readonly options?: ClusterOptions;
}

/** The runtime settings the chart reads from `spec.settings`. */
interface RuntimeSettings {
  readonly image?: string;
  readonly replicas: number;
  readonly cpu: string;
  readonly memory: string;
}

/** RuntimeApi + K6Run for one runtime variant. */
export class RuntimeChart extends Chart {
  /** The system under test. */
  readonly api: RuntimeApi;
  /** The load run. */
  readonly load: K6Run;
  /** Namespace every object goes to. */
  readonly targetNamespace: string;

  constructor(scope: Construct, id: string, props: RuntimeChartProps) {
    super(scope, id, { namespace: props.spec.namespace, disableResourceNameHashes: true });
    const { spec } = props;
    if (spec.experiment.name !== 'runtime') {
      throw new Error(`RuntimeChart: spec.experiment: ${JSON.stringify(spec.experiment.name)} is not allowed; expected "runtime"`);
    }
    const variant = runtimeVariants[spec.variant as RuntimeVariantName];
    if (!variant) {
      throw new Error(`RuntimeChart: spec.variant: ${JSON.stringify(spec.variant)} is not allowed; expected one of ${Object.keys(runtimeVariants).join(', ')}`);
    }
    const settings = spec.settings as unknown as RuntimeSettings;
    const options = props.options ?? DEFAULT_CLUSTER_OPTIONS;
    const identity: RunIdentity = { experiment: spec.experiment.name, variant: spec.variant, run: props.runId };
    this.targetNamespace = spec.namespace;

    this.api = new RuntimeApi(this, 'api', {
      identity,
      image: settings.image ?? variant.image,
      port: variant.containerPort,
      replicas: settings.replicas,
      cpu: settings.cpu,
      memory: settings.memory,
    });
    this.load = new K6Run(this, 'load', {
      identity,
      profile: spec.profile,
      baseUrl: this.api.urlIn(spec.namespace),
      sutSelector: this.api.selector,
      mode: options.k6Mode,
      parallelism: options.parallelism,
      placement: options.placement,
      nodeSelector: options.placement === 'node-selector' ? options.nodeSelector : undefined,
    });
  }
}

/** The chart for a spec in a fresh cdk8s App (nothing is written to disk). */
export function buildRuntimeChart(spec: ExperimentSpec, runId: string, options?: ClusterOptions): RuntimeChart {
  return new RuntimeChart(new App(), 'runtime', { spec, runId, options });
}

/** The manifest objects of the runtime chart for a spec, as plain JSON objects. */
export function synthesizeRuntimeChart(spec: ExperimentSpec, runId: string, options?: ClusterOptions): Record<string, unknown>[] {
  return buildRuntimeChart(spec, runId, options).toJson() as Record<string, unknown>[];
}
