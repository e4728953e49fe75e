/**
 * The seam between the results reader and a cluster: the few reads it needs, as plain data.
 * The real implementation (kube-client.ts) talks to the API server with
 * @kubernetes/client-node; tests use a fake. Nothing here depends on a client library.
 */
import type { OpenCostHttp, OpenCostService } from '../cost/opencost-transport';

/** Where a load runner (Job or TestRun) is. */
export type RunnerState = 'pending' | 'running' | 'succeeded' | 'failed';

/** Status of a k6 Job or TestRun, normalised. */
export interface RunnerStatus {
  readonly state: RunnerState;
  /** Why it failed or what it waits for, e.g. `DeadlineExceeded`, `BackoffLimitExceeded`, TestRun stage `error`. */
  readonly reason?: string;
  /** Human-readable detail from the status conditions. */
  readonly message?: string;
  /** ISO time the run started (Job `status.startTime`). */
  readonly startTime?: string;
  /** ISO time it finished (Job `status.completionTime`, or the Failed condition's time). */
  readonly completionTime?: string;
}

/** The image one container of a pod runs, as the kubelet reports it (`status.containerStatuses`). */
export interface ContainerImage {
  /** Container name. */
  readonly name: string;
  /** Image reference, e.g. `docker.io/perflab/runtime-go:0.3.0`. */
  readonly image: string;
  /** Resolved image, e.g. `docker.io/perflab/runtime-go@sha256:…`; empty until the image is pulled. */
  readonly imageID: string;
}

/** One pod of a selector, with its log when asked for. */
export interface PodInfo {
  readonly name: string;
  readonly nodeName?: string;
  /** Pod phase: Pending, Running, Succeeded, Failed, Unknown. */
  readonly phase: string;
  /** Exit code of the container read (PodLogOptions.container, default the first) when it has terminated. */
  readonly exitCode?: number;
  /** Termination reason of that container, e.g. `Error`, `OOMKilled`. */
  readonly terminatedReason?: string;
  /** Images of the pod's containers, in status order. @default absent: not reported */
  readonly containerImages?: readonly ContainerImage[];
  /** When the pod was scheduled (PodScheduled condition True, ISO). @default absent */
  readonly scheduledAt?: string;
  /** When the pod last became Ready (Ready condition True, ISO); absent while it is not Ready. */
  readonly readyAt?: string;
  /** Restarts summed over the pod's containers. @default absent: not reported */
  readonly restarts?: number;
}

/** Why a pod's log could not be fetched. */
export interface LogFetchError {
  /** HTTP status the API server answered, e.g. 400 while the container is still being created; absent when it did not answer. */
  readonly status?: number;
  /** The API server's message (its Status object's `message`), or the client's error. */
  readonly message: string;
}

/** A pod and its log. */
export interface PodLog extends PodInfo {
  /** The container's log (stdout and stderr), possibly cut to the last lines by the API; empty when it could not be fetched. */
  readonly log: string;
  /** Set when the log could not be fetched. */
  readonly logError?: LogFetchError;
}

/** Which log of each pod to read. */
export interface PodLogOptions {
  /**
   * The container whose log (and exit code) is read; name it for pods a mesh injects into, whose
   * proxy may be the first container. @default the pod's first container
   */
  readonly container?: string;
  /** Only the last lines of the log. @default the whole log */
  readonly tailLines?: number;
}

/** CPU and memory of one container of a pod at one instant. */
export interface ContainerMetricsSample {
  /** Container name, e.g. `api`, `istio-proxy`, `linkerd-proxy`. */
  readonly name: string;
  readonly cpuCores: number;
  /** Working-set memory in bytes. */
  readonly memoryBytes: number;
}

/** CPU and memory of one pod at one instant (metrics.k8s.io PodMetrics, summed over containers). */
export interface PodMetricsSample {
  readonly pod: string;
  /** When metrics-server measured it (ISO). */
  readonly timestamp: string;
  /** Measurement window in seconds (metrics-server's rate window). */
  readonly windowSeconds: number;
  readonly cpuCores: number;
  /** Working-set memory in bytes. */
  readonly memoryBytes: number;
  /** The same figures per container, when the client reports them (needed to split app from proxy). @default absent */
  readonly containers?: readonly ContainerMetricsSample[];
}

/** What a Node reports about itself. */
export interface NodeInfo {
  readonly name: string;
  readonly kernelVersion: string;
  readonly osImage: string;
  readonly architecture: string;
  readonly containerRuntimeVersion: string;
  readonly kubeletVersion: string;
  /** `node.kubernetes.io/instance-type` (k3s sets `k3s`; clouds set the machine type). */
  readonly instanceType?: string;
  /** CPU capacity in cores. */
  readonly cpuCores: number;
  /** Memory capacity in bytes. */
  readonly memoryBytes: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Images the node holds, as the kubelet reports them (`status.images`, at most 50 by default). @default absent */
  readonly images?: readonly NodeImage[];
}

/** One image a node holds: every name it goes by and the size the container runtime reports. */
export interface NodeImage {
  /** `repo:tag` and `repo@sha256:…` names. */
  readonly names: readonly string[];
  readonly sizeBytes: number;
}

/** Label selector as a map (all must match). */
export type Selector = Readonly<Record<string, string>>;

/** The reads the results reader makes. */
export interface ClusterClient {
  /** A Job's status, or undefined when there is no such Job. */
  jobStatus(namespace: string, name: string): Promise<RunnerStatus | undefined>;
  /** A k6-operator TestRun's status, or undefined when there is no such TestRun. */
  testRunStatus(namespace: string, name: string): Promise<RunnerStatus | undefined>;
  /** The pods matching a selector. */
  pods(namespace: string, selector: Selector): Promise<PodInfo[]>;
  /** The pods matching a selector with their logs (of one container: see PodLogOptions). */
  podLogs(namespace: string, selector: Selector, options?: PodLogOptions): Promise<PodLog[]>;
  /** Current PodMetrics of the selected pods; undefined when metrics.k8s.io is not served. */
  podMetrics(namespace: string, selector: Selector): Promise<PodMetricsSample[] | undefined>;
  /** Every Node. */
  nodes(): Promise<NodeInfo[]>;
  /** HTTP access to a cost tool's API service (through the API server's service proxy). @default none: cost is modelled */
  openCostHttp?(service: OpenCostService): OpenCostHttp;
  /** Whether a Service exists (false when it or its namespace does not). @default not asked: assumed to exist */
  serviceExists?(namespace: string, name: string): Promise<boolean>;
}

/** `a=b,c=d` for a selector (the API's labelSelector syntax). */
export function selectorString(selector: Selector): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
