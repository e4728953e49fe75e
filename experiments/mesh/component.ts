/**
 * MeshExperiment: the mesh experiment on a cluster as one Pulumi component. It installs the mesh
 * from its Helm charts (k8s.helm.v3.Release, pinned) — unless `perflab-cluster:operators` is
 * `preinstalled`: then the control plane already runs — creates the namespace enrolled the way the
 * mesh expects, applies the mTLS objects and the services, then runs the fixed-RPS steps one
 * after another — each a k6 run read by its own RunResults resource, which measures the app
 * containers (`server`), the sidecars (`proxy`), the node proxies and the control plane.
 */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { experimentNamespace } from '../../src/cluster/experiment-namespace';
import { ClusterOptions, DEFAULT_CLUSTER_OPTIONS, gatewayApiCrdSource } from '../../src/cluster/cluster-config';
import { RunResults } from '../../src/cluster/results-provider';
import { MeasuredComponent, RunResultsRequest } from '../../src/cluster/run-request';
import { ExperimentSpec } from '../../src/config/spec';
import { RunResult } from '../../src/results/run-result';
import { K6_VERSION } from '../../src/versions';
import { MeshSettings } from './experiment';
import { meshReleases } from './helm-releases';
import { LinkerdIdentity, linkerdIdentityFromConfig } from './linkerd-identity';
import { MeshProfile, meshProfile } from './meshes';
import { meshRunLabel } from './steps';
import { MeshChart, SERVICES_SELECTOR, buildMeshChart } from './workload-chart';

/** Pulumi type token of the component. */
export const MESH_EXPERIMENT_TYPE = 'perflab:mesh:MeshExperiment';
/** Extra seconds each step's reader waits beyond its runner's deadline. @default 120 */
export const READER_SLACK_SECONDS = 120;
/** Seconds Helm may take for one release (images pulled, pods ready). @default 900 */
export const RELEASE_TIMEOUT_SECONDS = 900;

/** Arguments of MeshExperiment. */
export interface MeshExperimentArgs {
  /** The validated mesh spec; its target must be a cluster. */
  readonly spec: ExperimentSpec;
  /** Run id of the stack's run. */
  readonly runId: string;
  /** Stack name; the results' label is `<stack>.<topology>-<services>`. */
  readonly stack: string;
  /** k6 mode, parallelism and placement. @default DEFAULT_CLUSTER_OPTIONS */
  readonly options?: ClusterOptions;
  /** Where each step's cost is read. @default none: modelled from the measured resources */
  readonly cost?: RunResultsRequest['cost'];
  /** What must exist before anything of the experiment (e.g. the stack's cost tool). @default none */
  readonly dependsOn?: pulumi.Resource[];
  /** Seconds between the readers' polls and PodMetrics samples. @default 10 */
  readonly pollSeconds?: number;
}

/** Measured components of a mesh run besides the app containers (the SUT). */
export function measuredComponents(mesh: MeshProfile): MeasuredComponent[] {
  const out: MeasuredComponent[] = [];
  if (mesh.proxyContainers.length) out.push({ component: 'proxy', selector: SERVICES_SELECTOR, containers: mesh.proxyContainers });
  for (const p of [...mesh.nodeProxies, ...mesh.controlPlane]) out.push({ component: p.component, namespace: p.namespace, selector: p.selector });
  return out;
}

/** The mesh experiment deployed, run step by step and measured. */
export class MeshExperiment extends pulumi.ComponentResource {
  /** The Helm releases of the mesh, in install order. */
  readonly releases: k8s.helm.v3.Release[] = [];
  readonly namespace: k8s.core.v1.Namespace;
  /** One results resource per step, in order. */
  readonly stepResults: RunResults[] = [];
  /** Every step's RunResult, in order (`pulumi stack export` keeps them in the component's outputs). */
  readonly runResults: pulumi.Output<RunResult[]>;
  /** The headline step: the one with the highest rate. */
  readonly headline: RunResults;

  constructor(name: string, args: MeshExperimentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MESH_EXPERIMENT_TYPE, name, {}, opts);
    const { spec, runId } = args;
    if (spec.target === 'local') throw new Error('MeshExperiment: spec.target "local" is not a cluster; the mesh experiment needs k3s (see experiments/mesh/README.md)');
    const mesh = meshProfile(spec.variant);
    const settings = spec.settings as unknown as MeshSettings;
    const chart: MeshChart = buildMeshChart(spec, runId, args.options ?? DEFAULT_CLUSTER_OPTIONS);

    let before: pulumi.Resource[] = [...(args.dependsOn ?? [])];
    const install = (args.options ?? DEFAULT_CLUSTER_OPTIONS).operators === 'helm';
    // The identity certificates only feed the control-plane chart: none when Linkerd is preinstalled.
    const linkerdIdentity = install && mesh.variant === 'linkerd' ? (linkerdIdentityFromConfig() ?? new LinkerdIdentity(`${name}-linkerd-identity`, { parent: this }).values()) : undefined;
    const gatewayApiCrds = gatewayApiCrdSource(args.options ?? DEFAULT_CLUSTER_OPTIONS, spec.target);
    for (const r of install ? meshReleases(mesh.variant, spec.target, linkerdIdentity, gatewayApiCrds) : []) {
      const release = new k8s.helm.v3.Release(
        `${name}-${r.name}`,
        {
          name: r.name,
          chart: r.chart,
          version: r.version,
          repositoryOpts: { repo: r.repo },
          namespace: r.namespace,
          createNamespace: r.createNamespace,
          values: r.values,
          timeout: RELEASE_TIMEOUT_SECONDS,
        },
        { parent: this, dependsOn: before },
      );
      this.releases.push(release);
      before = [release];
    }

    this.namespace = experimentNamespace(name, spec, runId, this, { labels: mesh.namespaceLabels, annotations: mesh.namespaceAnnotations, dependsOn: before });
    const json = (c: { toJson(): unknown }): Record<string, unknown>[] => [c.toJson() as Record<string, unknown>];
    const policyObjs = chart.policies.objects.flatMap(json);
    const serviceObjs = chart.services.flatMap((s) => [...json(s.deployment), ...json(s.service)]);
    const policies = policyObjs.length ? [new k8s.yaml.ConfigGroup(`${name}-mtls`, { objs: policyObjs }, { parent: this, dependsOn: [this.namespace, ...before] })] : [];
    const services = new k8s.yaml.ConfigGroup(`${name}-services`, { objs: serviceObjs }, { parent: this, dependsOn: [this.namespace, ...policies] });

    const label = meshRunLabel({ stack: args.stack, topology: settings.topology, services: settings.services });
    let previous: pulumi.Resource = services;
    for (const s of chart.steps) {
      const load = new k8s.yaml.ConfigGroup(`${name}-load-s${s.step.index}`, { objs: [...json(s.load.configMap), ...json(s.load.runner)] }, { parent: this, dependsOn: [services, previous] });
      const request: RunResultsRequest = {
        namespace: spec.namespace,
        runId: s.runId,
        label,
        experiment: spec.experiment.name,
        variant: spec.variant,
        target: spec.target,
        runner: s.load.runnerRef,
        sut: { selector: SERVICES_SELECTOR, component: 'server', ...(mesh.proxyContainers.length ? { excludeContainers: mesh.proxyContainers } : {}) },
        profile: s.step.profile,
        timeoutSeconds: s.load.deadlineSeconds + READER_SLACK_SECONDS,
        pollSeconds: args.pollSeconds ?? 10,
        k6Version: K6_VERSION,
        components: measuredComponents(mesh),
        meshMode: mesh.meshMode,
        ...(args.cost ? { cost: args.cost } : {}),
      };
      const results = new RunResults(`${name}-results-s${s.step.index}`, JSON.parse(JSON.stringify(request)) as RunResultsRequest, { parent: this, dependsOn: [load] });
      this.stepResults.push(results);
      previous = results;
    }
    const top = chart.steps.reduce((best, s, i) => (s.step.rps > chart.steps[best].step.rps ? i : best), 0);
    this.headline = this.stepResults[top];
    this.runResults = pulumi.all(this.stepResults.map((r) => r.runResult));
    this.registerOutputs({ runResults: this.runResults, headlineRunResult: this.headline.runResult });
  }
}
