/**
 * RuntimeExperiment: the runtime experiment on a cluster as one Pulumi component. It creates
 * the Namespace, applies the synthesized chart as two ConfigGroups — the system under test
 * first (Pulumi waits for the Deployment to be ready), then the k6 script and runner — and a
 * RunResults resource that waits for the run and exports its RunResult and headline figures.
 */
import { componentResources } from '../../src/cost/component-requests';
import { RUNTIME_SERVER_COMPONENT } from './component-requests';
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { buildRuntimeChart } from '../../charts/runtime-chart';
import { LABEL } from '../../constructs/labels';
import { experimentNamespace, requireClusterTarget } from '../../src/cluster/experiment-namespace';
import { ExperimentSpec } from '../../src/config/spec';
import { ClusterOptions, DEFAULT_CLUSTER_OPTIONS } from '../../src/cluster/cluster-config';
import { RunResults } from '../../src/cluster/results-provider';
import { RunResultsRequest } from '../../src/cluster/run-request';
import { CostReadRequest } from '../../src/cluster/run-cost';
import { RunResult } from '../../src/results/run-result';
import { K6_VERSION } from '../../src/versions';

/** Pulumi type token of the component. */
export const RUNTIME_EXPERIMENT_TYPE = 'perflab:runtime:RuntimeExperiment';

/** Extra seconds the results reader waits beyond the runner's own deadline. @default 120 */
export const READER_SLACK_SECONDS = 120;

/** Arguments of RuntimeExperiment. */
export interface RuntimeExperimentArgs {
  /** The validated runtime experiment spec (parseExperimentConfig); its target must be a cluster. */
  readonly spec: ExperimentSpec;
  /** Run id (src/cluster/run-id.ts): labels, Job name, RunResult id. */
  readonly runId: string;
  /** Label of the RunResult, usually the stack name. @default none */
  readonly label?: string;
  /** k6 mode, parallelism and placement. @default DEFAULT_CLUSTER_OPTIONS (one Job, preferred anti-affinity) */
  readonly options?: ClusterOptions;
  /** Where the reader reads the run's cost. @default none: modelled from the measured resources */
  readonly cost?: CostReadRequest;
  /** Seconds between the reader's status polls and PodMetrics samples. @default 10 */
  readonly pollSeconds?: number;
}

/** The runtime experiment deployed, run and measured on a cluster. */
export class RuntimeExperiment extends pulumi.ComponentResource {
  /** The experiment's namespace. */
  readonly namespace: k8s.core.v1.Namespace;
  /** The measured result. */
  readonly results: RunResults;
  readonly runResult: pulumi.Output<RunResult>;
  readonly p50Ms: pulumi.Output<number>;
  readonly p95Ms: pulumi.Output<number>;
  readonly p99Ms: pulumi.Output<number>;
  readonly rps: pulumi.Output<number>;
  readonly errorRate: pulumi.Output<number>;
  readonly cpuCoreSeconds: pulumi.Output<number | undefined>;
  readonly memoryPeakBytes: pulumi.Output<number | undefined>;
  readonly thresholdsPassed: pulumi.Output<boolean>;

  constructor(name: string, args: RuntimeExperimentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(RUNTIME_EXPERIMENT_TYPE, name, {}, opts);
    const { spec, runId } = args;
    requireClusterTarget('RuntimeExperiment', spec);
    const options = args.options ?? DEFAULT_CLUSTER_OPTIONS;
    const chart = buildRuntimeChart(spec, runId, options);
    const objs = chart.toJson() as Array<{ kind: string; metadata: { labels: Record<string, string> } }>;
    const sutObjs = objs.filter((o) => o.metadata.labels[LABEL.component] === chart.api.selector[LABEL.component]);
    const loadObjs = objs.filter((o) => !sutObjs.includes(o));

    this.namespace = experimentNamespace(name, spec, runId, this);
    const sut = new k8s.yaml.ConfigGroup(`${name}-sut`, { objs: sutObjs }, { parent: this, dependsOn: this.namespace });
    const load = new k8s.yaml.ConfigGroup(`${name}-load`, { objs: loadObjs }, { parent: this, dependsOn: [this.namespace, sut] });

    const request: RunResultsRequest = {
      namespace: spec.namespace,
      runId,
      label: args.label,
      experiment: spec.experiment.name,
      variant: spec.variant,
      target: spec.target,
      runner: chart.load.runnerRef,
      sut: { selector: chart.api.selector, component: RUNTIME_SERVER_COMPONENT },
      requests: Object.fromEntries(componentResources(sutObjs, (o) => (o.kind === 'Deployment' ? RUNTIME_SERVER_COMPONENT : undefined))),
      profile: spec.profile,
      timeoutSeconds: chart.load.deadlineSeconds + READER_SLACK_SECONDS,
      pollSeconds: args.pollSeconds ?? 10,
      k6Version: K6_VERSION,
      cost: args.cost,
    };
    this.results = new RunResults(`${name}-results`, JSON.parse(JSON.stringify(request)) as RunResultsRequest, { parent: this, dependsOn: [load] });
    this.runResult = this.results.runResult;
    this.p50Ms = this.results.p50Ms;
    this.p95Ms = this.results.p95Ms;
    this.p99Ms = this.results.p99Ms;
    this.rps = this.results.rps;
    this.errorRate = this.results.errorRate;
    this.cpuCoreSeconds = this.results.cpuCoreSeconds;
    this.memoryPeakBytes = this.results.memoryPeakBytes;
    this.thresholdsPassed = this.results.thresholdsPassed;
    this.registerOutputs({
      p50Ms: this.p50Ms,
      p95Ms: this.p95Ms,
      p99Ms: this.p99Ms,
      rps: this.rps,
      errorRate: this.errorRate,
      cpuCoreSeconds: this.cpuCoreSeconds,
      memoryPeakBytes: this.memoryPeakBytes,
      thresholdsPassed: this.thresholdsPassed,
      runResult: this.runResult,
    });
  }
}
