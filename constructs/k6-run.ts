/**
 * K6Run: one load run in the cluster. The LoadProfile is compiled to a k6 script
 * (src/load/k6-script.ts) and stored in a ConfigMap; by default a plain `batch/v1` Job runs it
 * once (backoffLimit 0, activeDeadlineSeconds = profile + grace + margin); in `testrun` mode a
 * k6-operator TestRun splits it over `parallelism` runners. The script's handleSummary prints
 * the summary between markers to stdout, so the results reader finds it in each runner's log.
 * Pods run as k6's numeric user with a read-only root filesystem (emptyDirs at /results, /tmp)
 * and are placed away from the system under test. A TestRun's initializer and starter pods get
 * the runners' pod labels and annotations (a mesh's opt-outs), no service account token, and a
 * pinned starter image.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import { compileK6Script } from '../src/load/k6-script';
import { expectedRequests, k6MemoryNeedBytes, mebibyteQuantity, vusPerPod } from '../src/load/k6-memory';
import { cpuCores, memoryBytes } from '../src/config/quantities';
import { ResolvedLoadProfile, profileDurationSeconds } from '../src/load/profile';
import { K6_IMAGE, K6_IMAGE_UID, K6_OPERATOR_STARTER_IMAGE, K6_TESTRUN_API_VERSION } from '../src/versions';
import { ANNOTATION, LABEL, RunIdentity, perflabLabels, selectorLabels } from './labels';
import { PLACEMENTS, Placement, placementSpec } from './placement';
import { PropChecker } from './validation';
import type { RunnerRef } from '../src/cluster/run-request';

/** How the load runs: one Job, or a k6-operator TestRun (distributed). */
export const K6_MODES = ['job', 'testrun'] as const;
/** One k6 mode. */
export type K6Mode = (typeof K6_MODES)[number];

/** `app.kubernetes.io/name` of the load generator. */
export const K6_NAME = 'k6';
/** `app.kubernetes.io/component` of the pods that generate load (Job pod or TestRun runners). */
export const LOAD_COMPONENT = 'load-generator';
/** Key of the script in the ConfigMap (and its file name). */
export const SCRIPT_FILE = 'script.js';
/** Annotation that tells the Pulumi Kubernetes provider not to wait for the Job: the results reader waits. */
export const SKIP_AWAIT_ANNOTATION = 'pulumi.com/skipAwait';

const MAX_CONFIGMAP_BYTES = 1024 * 1024;
/** The memory limit of a k6 pod unless the profile needs more. */
const DEFAULT_MEMORY_LIMIT_BYTES = 1024 ** 3;

/** CPU / memory of each k6 pod. */
export interface K6Resources {
  /** @default { cpu: '500m', memory: '256Mi' } */
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  /**
   * Memory defaults to 1Gi, or more when the profile's requests need it (src/load/k6-memory.ts:
   * k6 keeps every trend sample and a runtime per VU); a memory limit below that need is refused.
   * @default { cpu: '1', memory: '1Gi' or the profile's need }
   */
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** Props of K6Run. */
export interface K6RunProps {
  /** Run the objects belong to (labels, names). */
  readonly identity: RunIdentity;
  /** The resolved (and scaled) load profile to run. */
  readonly profile: ResolvedLoadProfile;
  /** Base URL of the system under test, e.g. `http://runtime-go.perflab-runtime-go.svc:8080`. */
  readonly baseUrl: string;
  /** Labels of the system under test's pods (anti-affinity target; recorded for the reader). */
  readonly sutSelector: Readonly<Record<string, string>>;
  /** `job` (one pod) or `testrun` (k6-operator, `parallelism` runners). @default job */
  readonly mode?: K6Mode;
  /** Runners of a TestRun; must be 1 in `job` mode. @default 1 */
  readonly parallelism?: number;
  /** Where the k6 pods go. @default preferred-anti-affinity (against `sutSelector`) */
  readonly placement?: Placement;
  /** Node labels the k6 pods must run on; required with placement `node-selector`. @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Name of the Job / TestRun; the ConfigMap is `<name>-script`. @default `k6-<run>` */
  readonly name?: string;
  /** k6 image, pinned. @default K6_IMAGE from src/versions.ts */
  readonly image?: string;
  /** Requests and limits of each k6 pod. @default requests 500m / 256Mi, limits 1 / 1Gi or the profile's memory need */
  readonly resources?: K6Resources;
  /** Seconds for VUs to finish after the last stage. @default the profile's gracefulStopSeconds */
  readonly graceSeconds?: number;
  /** Extra seconds for scheduling, image pull, start-up and the summary. @default 120 */
  readonly marginSeconds?: number;
  /**
   * Extra labels on the k6 pods only (in testrun mode also the initializer and starter; not on
   * the Job/TestRun or the selector), e.g. a service
   * mesh's opt-out `sidecar.istio.io/inject: "false"`; perflab's own labels win. @default none
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Annotations on the k6 pods (in testrun mode also the initializer and starter), e.g. `linkerd.io/inject: disabled`. @default none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** The k6 load run of one experiment run. */
export class K6Run extends Construct {
  /** Name of the Job or TestRun. */
  readonly name: string;
  /** `Job` or `TestRun`. */
  readonly runnerKind: 'Job' | 'TestRun';
  /** Number of k6 runner pods. */
  readonly parallelism: number;
  /** Labels that select exactly this run's runner pods (for logs). */
  readonly runnerSelector: Readonly<Record<string, string>>;
  /** What the results reader needs to know of the runner: kind, name, selector, parallelism, each pod's limits. */
  readonly runnerRef: RunnerRef;
  /** Seconds the run may take in all (Job activeDeadlineSeconds; the reader's wait is based on it). */
  readonly deadlineSeconds: number;
  /** The generated k6 script. */
  readonly script: string;
  /** The ConfigMap holding the script (`v1`). */
  readonly configMap: ApiObject;
  /** The Job (`batch/v1`, job mode) or the TestRun (`k6.io/v1alpha1`, testrun mode). */
  readonly runner: ApiObject;

  constructor(scope: Construct, id: string, props: K6RunProps) {
    super(scope, id);
    const check = new PropChecker(`K6Run "${id}"`);
    const mode = check.oneOf('mode', props.mode ?? 'job', K6_MODES);
    const parallelism = check.int('parallelism', props.parallelism ?? 1, 1, 100);
    if (mode === 'job' && parallelism !== 1) check.fail('parallelism', parallelism, '1 in job mode; set mode "testrun" (k6-operator) for distributed load');
    const placement = check.oneOf('placement', props.placement ?? 'preferred-anti-affinity', PLACEMENTS);
    const sutSelector = check.labels('sutSelector', props.sutSelector);
    if (placement === 'node-selector') check.labels('nodeSelector', props.nodeSelector);
    else if (props.nodeSelector !== undefined) check.fail('nodeSelector', props.nodeSelector, `nothing unless placement is "node-selector" (placement is "${placement}")`);
    const image = check.image('image', props.image ?? K6_IMAGE);
    if (!/^https?:\/\/[^\s/]+(:\d+)?(\/\S*)?$/.test(props.baseUrl)) check.fail('baseUrl', props.baseUrl, 'an http:// or https:// URL');
    const grace = check.number('graceSeconds', props.graceSeconds ?? props.profile.gracefulStopSeconds, 0);
    const margin = check.number('marginSeconds', props.marginSeconds ?? 120, 0);
    const res = props.resources ?? {};
    const requests = { cpu: check.cpu('resources.requests.cpu', res.requests?.cpu ?? '500m'), memory: check.memory('resources.requests.memory', res.requests?.memory ?? '256Mi') };
    const limitCpu = check.cpu('resources.limits.cpu', res.limits?.cpu ?? '1');
    const pods = { parallelism, cpuCores: cpuCores(limitCpu) };
    const memoryNeed = k6MemoryNeedBytes(props.profile, pods);
    const limitMemory = check.memory('resources.limits.memory', res.limits?.memory ?? (memoryNeed > DEFAULT_MEMORY_LIMIT_BYTES ? mebibyteQuantity(memoryNeed) : '1Gi'));
    if (memoryBytes(limitMemory) < memoryNeed) {
      check.fail(
        'resources.limits.memory',
        limitMemory,
        `at least ${mebibyteQuantity(memoryNeed)}: k6 keeps every trend sample and a runtime per VU, and profile "${props.profile.name}" sends up to ${expectedRequests(props.profile, pods)} requests with up to ${vusPerPod(props.profile, parallelism)} VUs per pod over ${parallelism} pod(s); raise the limit, leave it to the default, or spread the load (mode "testrun", more parallelism)`,
      );
    }
    const limits = { cpu: limitCpu, memory: limitMemory };
    const name = props.name ?? `k6-${props.identity.run}`;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 52) {
      check.fail('name', name, 'a DNS-1123 label of at most 52 characters (Job pods append a suffix)');
    }

    this.name = name;
    this.parallelism = parallelism;
    this.runnerKind = mode === 'job' ? 'Job' : 'TestRun';
    this.deadlineSeconds = Math.ceil(profileDurationSeconds(props.profile) + grace + margin);
    const workload = { ...props.identity, name: K6_NAME, component: LOAD_COMPONENT };
    const labels = perflabLabels(workload);
    this.runnerSelector = { ...selectorLabels(workload), [LABEL.run]: props.identity.run };
    this.runnerRef = {
      kind: mode === 'job' ? 'Job' : 'TestRun',
      name,
      selector: this.runnerSelector,
      parallelism,
      limits: { cpuCores: pods.cpuCores, memoryBytes: memoryBytes(limitMemory) },
    };

    this.script = compileK6Script(props.profile, {
      baseUrl: props.baseUrl,
      summaryPath: '/results/summary.json',
      tags: { experiment: props.identity.experiment, variant: props.identity.variant, run: props.identity.run },
      runners: parallelism,
    });
    if (Buffer.byteLength(this.script) > MAX_CONFIGMAP_BYTES) check.fail('profile', props.profile.name, 'a profile whose k6 script fits a 1 MiB ConfigMap');
    const configMap: IConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-script`, labels }, data: { [SCRIPT_FILE]: this.script } };
    this.configMap = new ApiObject(this, 'script', configMap);

    const resources = { requests, limits };
    const podSecurity: IPodSecurityContext = {
      runAsNonRoot: true,
      runAsUser: K6_IMAGE_UID,
      runAsGroup: K6_IMAGE_UID,
      fsGroup: K6_IMAGE_UID,
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const containerSecurity: ISecurityContext = { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
    const scratchVolumes: IVolume[] = [
      { name: 'results', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
    ];
    const scratchMounts: IVolumeMount[] = [
      { name: 'results', mountPath: '/results' },
      { name: 'tmp', mountPath: '/tmp' },
    ];
    const env: IEnvVar[] = [
      { name: 'BASE_URL', value: props.baseUrl },
      { name: 'K6_NO_USAGE_REPORT', value: 'true' },
    ];
    const where = placementSpec(placement, sutSelector, props.nodeSelector);
    if (props.podLabels !== undefined && Object.keys(props.podLabels).length > 0) check.labels('podLabels', props.podLabels);
    for (const [k, v] of Object.entries(props.podAnnotations ?? {})) {
      if (!/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(k) || typeof v !== 'string') check.fail(`podAnnotations.${k}`, v, 'a string value under an annotation key');
    }
    // The same metadata (a mesh's opt-outs) on every pod of the run: runners, and in testrun mode
    // the initializer and starter too, whose injected proxy would otherwise never exit.
    const podMetadataWith = (own: Record<string, string>) => ({
      labels: { ...(props.podLabels ?? {}), ...own },
      ...(props.podAnnotations && Object.keys(props.podAnnotations).length ? { annotations: { ...props.podAnnotations } } : {}),
    });
    const podMetadata = podMetadataWith(labels);

    if (mode === 'job') {
      const job: IJob = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name, labels, annotations: { [SKIP_AWAIT_ANNOTATION]: 'true' } },
        spec: {
          backoffLimit: 0,
          completions: 1,
          parallelism: 1,
          activeDeadlineSeconds: this.deadlineSeconds,
          template: {
            metadata: podMetadata,
            spec: {
              restartPolicy: 'Never',
              automountServiceAccountToken: false,
              enableServiceLinks: false,
              securityContext: podSecurity,
              ...where,
              containers: [
                {
                  name: 'k6',
                  image,
                  imagePullPolicy: 'IfNotPresent',
                  args: ['run', '--quiet', '--no-color', `/scripts/${SCRIPT_FILE}`],
                  env,
                  resources,
                  securityContext: containerSecurity,
                  volumeMounts: [{ name: 'script', mountPath: '/scripts', readOnly: true }, ...scratchMounts],
                },
              ],
              volumes: [{ name: 'script', configMap: { name: configMap.metadata?.name } }, ...scratchVolumes],
            },
          },
        },
      };
      this.runner = new ApiObject(this, 'job', job);
    } else {
      const helperLabels = (component: string): Record<string, string> => perflabLabels({ ...workload, component });
      this.runner = new ApiObject(this, 'testrun', {
        apiVersion: K6_TESTRUN_API_VERSION,
        kind: 'TestRun',
        // A TestRun has no activeDeadlineSeconds; the deadline rides along for policies and readers.
        metadata: { name, labels, annotations: { [ANNOTATION.deadlineSeconds]: String(this.deadlineSeconds) } },
        spec: {
          parallelism,
          separate: false,
          arguments: '--no-color',
          script: { configMap: { name: configMap.metadata?.name, file: SCRIPT_FILE } },
          runner: {
            image,
            imagePullPolicy: 'IfNotPresent',
            metadata: podMetadata,
            automountServiceAccountToken: 'false',
            env,
            resources,
            securityContext: podSecurity,
            containerSecurityContext: containerSecurity,
            ...where,
            volumes: scratchVolumes,
            volumeMounts: scratchMounts,
          },
          initializer: {
            image,
            metadata: podMetadataWith(helperLabels('load-initializer')),
            automountServiceAccountToken: 'false',
            securityContext: podSecurity,
            containerSecurityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            ...where,
          },
          starter: {
            image: K6_OPERATOR_STARTER_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            metadata: podMetadataWith(helperLabels('load-starter')),
            automountServiceAccountToken: 'false',
            ...where,
          },
        },
      });
    }
  }
}
