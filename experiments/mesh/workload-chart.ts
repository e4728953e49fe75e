/**
 * The mesh experiment's manifests for one spec: N services (RuntimeApi, the runtime experiment's
 * Go payload in forwarding mode) wired as the configured graph, the mesh's mTLS objects, and one
 * k6 run (K6Run) per fixed-RPS step, each calling the entry service. The services are the same
 * for every variant; only the mTLS objects and the k6 pods' mesh opt-out differ.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { K6_NAME, K6Run, LOAD_COMPONENT } from '../../constructs/k6-run';
import { LABEL, RunIdentity } from '../../constructs/labels';
import { RUNTIME_API_NAME, RuntimeApi, SUT_COMPONENT } from '../../constructs/runtime-api';
import { ClusterOptions, DEFAULT_CLUSTER_OPTIONS } from '../../src/cluster/cluster-config';
import { ExperimentSpec } from '../../src/config/spec';
import { runtimeVariants } from '../runtime/variants';
import { FORWARD_PATH, MeshSettings } from './experiment';
import { meshProfile } from './meshes';
import { MtlsPolicies } from './mtls-policies';
import { MeshStep, meshSteps, stepRunId } from './steps';
import { ENTRY_SERVICE, serviceGraph, upstreamsOf } from './topology';

/** Port every service listens on (the Go app's). */
export const SERVICE_PORT = runtimeVariants.go.containerPort;

/** Labels selecting every service's pods (all instances of the API in the namespace). */
export const SERVICES_SELECTOR: Readonly<Record<string, string>> = { [LABEL.name]: RUNTIME_API_NAME, [LABEL.component]: SUT_COMPONENT };
/** Labels selecting the k6 pods of every step. */
export const LOAD_SELECTOR: Readonly<Record<string, string>> = { [LABEL.name]: K6_NAME, [LABEL.component]: LOAD_COMPONENT };

/** Props of MeshChart. */
export interface MeshChartProps {
  /** A validated spec of the mesh experiment. */
  readonly spec: ExperimentSpec;
  /** Run id of the stack's run (each step's k6 run appends `-s<i>`). */
  readonly runId: string;
  /** k6 mode, parallelism and placement. @default DEFAULT_CLUSTER_OPTIONS */
  readonly options?: ClusterOptions;
}

/** One step's load run and what it was built from. */
export interface MeshStepLoad {
  readonly step: MeshStep;
  readonly runId: string;
  readonly load: K6Run;
}

/** Services + mTLS objects + one K6Run per step. */
export class MeshChart extends Chart {
  /** The services, svc-1 (entry) first. */
  readonly services: RuntimeApi[] = [];
  /** The mesh's mTLS objects. */
  readonly policies: MtlsPolicies;
  /** One load run per step, in order. */
  readonly steps: MeshStepLoad[];

  constructor(scope: Construct, id: string, props: MeshChartProps) {
    super(scope, id, { namespace: props.spec.namespace, disableResourceNameHashes: true });
    const { spec } = props;
    if (spec.experiment.name !== 'mesh') throw new Error(`MeshChart: spec.experiment: ${JSON.stringify(spec.experiment.name)} is not allowed; expected "mesh"`);
    const mesh = meshProfile(spec.variant);
    const settings = spec.settings as unknown as MeshSettings;
    const options = props.options ?? DEFAULT_CLUSTER_OPTIONS;
    const identity: RunIdentity = { experiment: spec.experiment.name, variant: spec.variant, run: props.runId };

    for (const s of serviceGraph(settings.services, settings.topology)) {
      const upstreams = upstreamsOf(s, SERVICE_PORT, FORWARD_PATH);
      this.services.push(
        new RuntimeApi(this, s.name, {
          identity,
          name: s.name,
          instance: s.name,
          image: settings.image ?? runtimeVariants.go.image,
          port: SERVICE_PORT,
          cpu: settings.cpu,
          cpuLimit: settings.cpuLimit,
          memory: settings.memory,
          memoryLimit: settings.memoryLimit,
          env: { SERVICE_NAME: s.name, ...(upstreams ? { UPSTREAMS: upstreams } : {}) },
        }),
      );
    }
    const entry = this.services[0];
    if (entry.name !== ENTRY_SERVICE) throw new Error(`MeshChart: the entry service is ${entry.name}, expected ${ENTRY_SERVICE}`);
    this.policies = new MtlsPolicies(this, 'mtls', {
      identity,
      mesh: mesh.variant,
      servicesSelector: SERVICES_SELECTOR,
      entrySelector: entry.selector,
      loadSelector: LOAD_SELECTOR,
      portName: 'http',
    });
    this.steps = meshSteps(spec.profile).map((step) => {
      const runId = stepRunId(props.runId, step);
      const load = new K6Run(this, `load-s${step.index}`, {
        identity: { ...identity, run: runId },
        profile: step.profile,
        baseUrl: entry.urlIn(spec.namespace),
        sutSelector: SERVICES_SELECTOR,
        mode: options.k6Mode,
        parallelism: options.parallelism,
        placement: options.placement,
        nodeSelector: options.placement === 'node-selector' ? options.nodeSelector : undefined,
        podLabels: mesh.loadPodLabels,
        podAnnotations: mesh.loadPodAnnotations,
      });
      return { step, runId, load };
    });
  }
}

/** The chart for a spec in a fresh cdk8s App (nothing is written to disk). */
export function buildMeshChart(spec: ExperimentSpec, runId: string, options?: ClusterOptions): MeshChart {
  return new MeshChart(new App(), 'mesh', { spec, runId, options });
}

/** The manifest objects of the mesh chart, as plain JSON objects. */
export function synthesizeMeshChart(spec: ExperimentSpec, runId: string, options?: ClusterOptions): Record<string, unknown>[] {
  return buildMeshChart(spec, runId, options).toJson() as Record<string, unknown>[];
}
