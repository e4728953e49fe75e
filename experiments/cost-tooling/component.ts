/**
 * `CostTooling` (`perflab:cost:CostTooling`): installs the cost tool of a stack with Helm releases —
 * OpenCost (default) with its Prometheus, or Kubecost's free tier — in its own namespace, plus the Grafana
 * cost dashboard, and tells the results reader where the allocation API is. Self-contained: the Pulumi
 * program adds one `new CostTooling(...)` and reads `costApi`. With `operators: preinstalled` the tool
 * already runs: no namespace and no release, only the dashboard and `costApi` (cost-api.ts).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { costDashboardConfigMap } from '../../dashboards/configmap';
import { SHARED_COMPONENT_LABEL } from '../../constructs/labels';
import { unitRates } from '../../src/cost/pricing';
import { OperatorSource } from '../../src/cluster/cluster-config';
import { CostApi, costApiOf } from './cost-api';
import { PinnedChart, costToolCharts } from './charts';
import { CostToolingConfig } from './config';
import { ClusterTarget, RELEASE, kubecostValues, openCostValues, prometheusValues } from './values';

/** Pulumi type token of the component. */
export const COST_TOOLING_TYPE = 'perflab:cost:CostTooling';

export type { CostApi } from './cost-api';

/** Inputs of CostTooling. */
export interface CostToolingArgs {
  /** Validated settings (experiments/cost-tooling/config.ts). */
  readonly config: CostToolingConfig;
  /** The stack's `perflab:target`; `local` has no cluster. */
  readonly target: ClusterTarget | 'local';
  /** Extra labels for the namespace (e.g. perflab.dev/team). */
  readonly labels?: Readonly<Record<string, string>>;
  /** `preinstalled`: the tool already runs (no namespace, no release; its Service is checked by the program). @default helm */
  readonly operators?: OperatorSource;
}

function release(name: string, chart: PinnedChart, namespace: string, values: object, parent: pulumi.Resource, dependsOn: pulumi.Resource[]): k8s.helm.v3.Release {
  return new k8s.helm.v3.Release(
    name,
    {
      name,
      namespace,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repo },
      values: values as Record<string, unknown>,
      createNamespace: false,
      atomic: true,
      timeout: 600,
    },
    { parent, dependsOn },
  );
}

/** The cost tool of one stack. */
export class CostTooling extends pulumi.ComponentResource {
  /** The tool installed (`none`: nothing installed, costs are modelled). */
  readonly tool: CostToolingConfig['tool'];
  /** Namespace of the tool; undefined with `none`. */
  readonly namespace?: k8s.core.v1.Namespace;
  /** The OpenCost or Kubecost release. */
  readonly costRelease?: k8s.helm.v3.Release;
  /** The Prometheus release installed for OpenCost, if any. */
  readonly prometheusRelease?: k8s.helm.v3.Release;
  /** The Grafana dashboard ConfigMap, if enabled. */
  readonly dashboard?: k8s.core.v1.ConfigMap;
  /** Where to read allocations after a run; undefined when no tool is installed. */
  readonly costApi?: CostApi;

  constructor(name: string, args: CostToolingArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COST_TOOLING_TYPE, name, {}, opts);
    const cfg = args.config;
    this.tool = cfg.tool;
    if (cfg.tool === 'none') {
      this.registerOutputs({ tool: cfg.tool });
      return;
    }
    if (args.target === 'local') {
      throw new Error(
        `perflab:costTool: ${cfg.tool} needs a cluster, and perflab:target is local; local runs get a modelled cost (withModelledCost) — set perflab:costTool to none`,
      );
    }
    const target = args.target;
    this.costApi = costApiOf(cfg, target);
    const ns = cfg.namespace;
    if (args.operators !== 'preinstalled') {
      const rates = unitRates(cfg.pricing);
      this.namespace = new k8s.core.v1.Namespace(
        `${name}-ns`,
        {
          metadata: {
            name: cfg.namespace,
            labels: { 'app.kubernetes.io/part-of': 'perflab', 'app.kubernetes.io/managed-by': 'perflab', [SHARED_COMPONENT_LABEL]: 'cost-tooling', ...(args.labels ?? {}) },
          },
        },
        { parent: this },
      );
      const values: Record<string, () => object> = {
        [RELEASE.prometheus]: () => prometheusValues(cfg),
        [RELEASE.opencost]: () => openCostValues(cfg, target, rates),
        [RELEASE.kubecost]: () => kubecostValues(cfg, target, rates),
      };
      // In install order; each release waits for the namespace and the one before (OpenCost for its Prometheus).
      let deps: pulumi.Resource[] = [this.namespace];
      for (const chart of costToolCharts(cfg, 'helm')) {
        const r = release(chart.release, chart, ns, values[chart.release](), this, deps);
        if (chart.release === RELEASE.prometheus) this.prometheusRelease = r;
        else this.costRelease = r;
        deps = [this.namespace, r];
      }
    }
    if (cfg.dashboard) {
      const cm = costDashboardConfigMap({ namespace: cfg.dashboardNamespace, folder: 'perflab' });
      this.dashboard = new k8s.core.v1.ConfigMap(`${name}-dashboard`, { metadata: cm.metadata, data: cm.data }, { parent: this, dependsOn: this.namespace ? [this.namespace] : [] });
    }
    this.registerOutputs({ tool: cfg.tool, namespace: ns, costApi: this.costApi });
  }
}
