/**
 * FullStackExperiment: a composition on a cluster as one Pulumi component. Only the layers the
 * config turns on are created, each under names that carry its layer (`<name>-<layer>…`) and
 * with its Kubernetes objects labelled `perflab.dev/layer`: the mesh (the mesh experiment's
 * Helm releases and mTLS objects), the namespace (enrolled as the mesh wants), the
 * Collector, the gateway (Traefik + Gateway API objects), the database (CloudNativePG operator
 * and the Cluster; CNPG generates the app user's password), the broker (NATS chart, or the
 * RabbitMQ operator and cluster), the cache, the app, the k6 run, and one results resource that
 * reads the run, every layer's resources and — with observability on — the traced layer
 * breakdown. With `perflab-cluster:operators: preinstalled` no Helm release or operator is
 * installed: the mesh and operators are the cluster's, Traefik / Collector / NATS are manifests.
 */
import { componentRequestsOf } from './component-requests';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { namespaceLabels } from '../../constructs/labels';
import { ClusterOptions, DEFAULT_CLUSTER_OPTIONS } from '../../src/cluster/cluster-config';
import { requireClusterTarget } from '../../src/cluster/experiment-namespace';
import { RunResults } from '../../src/cluster/results-provider';
import { CostReadRequest } from '../../src/cluster/run-cost';
import { ExperimentSpec } from '../../src/config/spec';
import { K6_VERSION } from '../../src/versions';
import { installOperators as installDatabaseOperator } from '../database/operators';
import { installOperators as installBrokerOperator } from '../messaging/cluster/operators';
import { RELEASE_TIMEOUT_SECONDS } from '../mesh/component';
import { ReleaseSpec } from '../mesh/helm-releases';
import { LinkerdIdentity, linkerdIdentityFromConfig } from '../mesh/linkerd-identity';
import { LayerName } from './layers';
import { buildFullStackChart, runPodLabels } from './cluster/chart';
import { compositionMesh, podMeta } from './cluster/mesh-enrolment';
import { compositionBrokerSettings, compositionReleases } from './cluster/releases';
import { FullStackResultsRequest } from './cluster/results-request';
import { measuredLayers } from './cluster/measured-layers';

/** Pulumi type token of the component. */
export const FULL_STACK_EXPERIMENT_TYPE = 'perflab:full-stack:FullStackExperiment';
/** Type name of its results resource (`pulumi-nodejs:dynamic/perflab:FullStackRunResults`). */
export const FULL_STACK_RESULTS_TYPE = 'FullStackRunResults';
/** Extra seconds the reader waits beyond the k6 runner's deadline. */
export const READER_SLACK_SECONDS = 120;

/** Arguments of FullStackExperiment. */
export interface FullStackExperimentArgs {
  readonly spec: ExperimentSpec;
  readonly runId: string;
  /** Stack name: the RunResult's label. */
  readonly stack: string;
  /** @default DEFAULT_CLUSTER_OPTIONS */
  readonly options?: ClusterOptions;
  /** Where the reader reads the run's cost. @default none: modelled */
  readonly cost?: CostReadRequest;
  /** What must exist first (the stack's cost tool). @default none */
  readonly dependsOn?: pulumi.Resource[];
  /** Seconds between the reader's polls. @default 10 */
  readonly pollSeconds?: number;
}

/** A composition deployed, loaded and measured layer by layer. */
export class FullStackExperiment extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  /** Helm releases by layer, in install order. */
  readonly releases: Array<{ layer: LayerName; release: pulumi.Resource }> = [];
  readonly results: RunResults;

  constructor(name: string, args: FullStackExperimentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(FULL_STACK_EXPERIMENT_TYPE, name, {}, opts);
    const { spec, runId } = args;
    requireClusterTarget('FullStackExperiment', spec);
    const chart = buildFullStackChart(spec, runId, args.options);
    const { settings: s, choice, identity } = chart;
    const mesh = compositionMesh(choice);
    const meta = podMeta(choice, s.preset);
    const release = (layer: LayerName, r: ReleaseSpec, dependsOn: pulumi.Resource[]): pulumi.Resource => {
      const res = new k8s.helm.v3.Release(
        `${name}-${layer}-${r.name}`,
        { name: r.name, chart: r.chart, version: r.version, repositoryOpts: { repo: r.repo }, namespace: r.namespace, createNamespace: r.createNamespace, values: r.values, timeout: RELEASE_TIMEOUT_SECONDS },
        { parent: this, dependsOn },
      );
      this.releases.push({ layer, release: res });
      return res;
    };

    const install = (args.options ?? DEFAULT_CLUSTER_OPTIONS).operators === 'helm';
    const linkerd = install && choice.mesh === 'linkerd' ? (linkerdIdentityFromConfig() ?? new LinkerdIdentity(`${name}-mesh-linkerd-identity`, { parent: this }).values()) : undefined;
    const all = install ? compositionReleases(s, { namespace: spec.namespace, target: spec.target, runLabels: (layer, n) => runPodLabels(identity, layer, n), gatewayPods: meta.gateway, brokerPods: meta.messaging, gatewayApiCrds: (args.options ?? DEFAULT_CLUSTER_OPTIONS).gatewayApiCrds }, linkerd) : [];
    let meshDone: pulumi.Resource[] = [...(args.dependsOn ?? [])];
    for (const r of all.filter((x) => x.layer === 'mesh')) meshDone = [release('mesh', r.spec, meshDone)];

    this.namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: spec.namespace,
          labels: { ...namespaceLabels(identity, spec.namespace), ...mesh.namespaceLabels },
          ...(Object.keys(mesh.namespaceAnnotations).length ? { annotations: { ...mesh.namespaceAnnotations } } : {}),
        },
      },
      { parent: this, dependsOn: meshDone },
    );
    const layerDeps = new Map<LayerName, pulumi.Resource[]>();
    const addDep = (layer: LayerName, r: pulumi.Resource): void => {
      layerDeps.set(layer, [...(layerDeps.get(layer) ?? []), r]);
    };
    for (const r of all.filter((x) => x.layer !== 'mesh')) addDep(r.layer, release(r.layer, r.spec, [this.namespace]));
    if (install && choice.database === 'postgres') {
      for (const op of installDatabaseOperator(`${name}-database`, 'cnpg', this, [this.namespace])) addDep('database', op);
    }
    if (install && choice.messaging === 'rabbitmq') {
      for (const op of installBrokerOperator(`${name}-messaging`, 'rabbitmq', this.namespace.metadata.name, compositionBrokerSettings(), { parent: this, dependsOn: this.namespace })) addDep('messaging', op);
    }
    if (choice.mesh !== 'none' && meshDone.length) addDep('mesh', meshDone[meshDone.length - 1]);

    // One ConfigGroup per layer; the app waits for what it calls, the load for everything.
    const groups = new Map<LayerName, pulumi.Resource>();
    const order: LayerName[] = ['mesh', 'observability', 'database', 'messaging', 'cache', 'app', 'gateway', 'load'];
    const objects = new Map(chart.layerObjects().map((l) => [l.layer, l.objects]));
    for (const layer of order) {
      const objs = objects.get(layer);
      const before = layer === 'app' ? ['observability', 'database', 'messaging', 'cache', 'mesh'] : layer === 'gateway' ? ['app'] : layer === 'load' ? order.filter((l) => l !== 'load') : [];
      const deps = [this.namespace, ...(layerDeps.get(layer) ?? []), ...before.flatMap((l) => [...(layerDeps.get(l as LayerName) ?? []), ...(groups.has(l as LayerName) ? [groups.get(l as LayerName) as pulumi.Resource] : [])])];
      if (objs?.length) groups.set(layer, new k8s.yaml.ConfigGroup(`${name}-${layer}`, { objs }, { parent: this, dependsOn: deps }));
    }

    const measured = measuredLayers(chart, runId);
    const request: FullStackResultsRequest = {
      namespace: spec.namespace,
      runId,
      label: args.stack,
      experiment: spec.experiment.name,
      variant: spec.variant,
      target: spec.target,
      runner: chart.load.runnerRef,
      sut: { selector: chart.app.selector, component: 'server', ...(mesh.proxyContainers.length ? { excludeContainers: mesh.proxyContainers } : {}) },
      profile: spec.profile,
      timeoutSeconds: chart.load.deadlineSeconds + READER_SLACK_SECONDS,
      pollSeconds: args.pollSeconds ?? 10,
      k6Version: K6_VERSION,
      ...measured,
      requests: componentRequestsOf(chart.toJson() as object[], ['server', ...measured.components.map((c) => c.component)]),
      meshMode: mesh.meshMode,
      ...(args.cost ? { cost: args.cost } : {}),
    };
    this.results = new RunResults(`${name}-results`, request, { parent: this, dependsOn: [groups.get('load') as pulumi.Resource] }, { entry: require.resolve('./cluster/results-entry'), type: FULL_STACK_RESULTS_TYPE });
    this.registerOutputs({ runResult: this.results.runResult, layers: choice, releases: this.releases.map((r) => r.layer) });
  }
}
