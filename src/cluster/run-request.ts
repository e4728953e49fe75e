/**
 * What the results reader needs to know about one cluster run — the inputs of the results
 * resource. Plain JSON, so it travels through Pulumi state unchanged.
 */
import { ResolvedLoadProfile } from '../load/profile';
import { ComponentResources } from '../cost/component-requests';

/** The k6 runner of a run: a Job, or a k6-operator TestRun with N runner pods. */
export interface RunnerRef {
  readonly kind: 'Job' | 'TestRun';
  /** Name of the Job / TestRun. */
  readonly name: string;
  /** Labels selecting exactly the runner pods (whose logs carry the summaries). */
  readonly selector: Readonly<Record<string, string>>;
  /** Runner pods expected (1 for a Job). */
  readonly parallelism: number;
  /** Each runner pod's limits, to tell when k6 ran near them. @default unknown: not checked */
  readonly limits?: RunnerLimits;
}

/** CPU and memory limits of one runner pod. */
export interface RunnerLimits {
  readonly cpuCores: number;
  readonly memoryBytes: number;
}

/** The system under test, whose resource use is measured. */
export interface SutRef {
  /** Labels selecting the SUT's pods. */
  readonly selector: Readonly<Record<string, string>>;
  /** Component name in RunResult.resources. @default server */
  readonly component: string;
  /** Count only these containers of each SUT pod. @default every container */
  readonly containers?: readonly string[];
  /** Leave these containers out (e.g. a mesh's proxy sidecars, measured as their own component). @default none */
  readonly excludeContainers?: readonly string[];
}

/**
 * A further set of pods (or of their containers) measured beside the SUT while k6 runs, reported
 * as its own RunResult.resources entry: e.g. the mesh experiment's application containers, its
 * proxy sidecars, its control plane and its node proxies (another namespace).
 */
export interface MeasuredComponent {
  /** Component name in RunResult.resources, e.g. `app`, `proxy`, `control-plane`. */
  readonly component: string;
  /** Namespace of its pods. @default the run's namespace */
  readonly namespace?: string;
  /** Labels selecting its pods. */
  readonly selector: Readonly<Record<string, string>>;
  /** Count only these containers of each pod. @default every container */
  readonly containers?: readonly string[];
  /** Leave these containers out. @default none */
  readonly excludeContainers?: readonly string[];
}

/** Where the reader finds the cost tool's allocation API, and how long it lets its scrapes settle. */
export interface CostReadRequest {
  readonly source: 'opencost' | 'kubecost';
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  /** Path of the allocation endpoint on the service. */
  readonly allocationPath: string;
  /** Seconds to wait after the run so the tool has scraped its last minutes. */
  readonly settleSeconds: number;
  /** Pricing the tool is configured with, recorded in the result. */
  readonly pricing?: string;
  readonly pricingDate?: string;
}

/** Everything the reader needs for one run. */
export interface RunResultsRequest {
  readonly namespace: string;
  /** Run id (also the `perflab.dev/run` label). */
  readonly runId: string;
  /** RunResult label, usually the stack name. */
  readonly label?: string;
  readonly experiment: string;
  readonly variant: string;
  /** Target name in the RunResult (`k3s`, `eks`, `aks`). */
  readonly target: string;
  readonly runner: RunnerRef;
  readonly sut: SutRef;
  /** The resolved profile the k6 script was compiled from. */
  readonly profile: ResolvedLoadProfile;
  /** Requests and limits the run's manifests set, by RunResult.resources component (for right-sizing). @default none */
  readonly requests?: Readonly<Record<string, ComponentResources>>;
  /** Seconds to wait for the runner to finish before failing. */
  readonly timeoutSeconds: number;
  /** Seconds between status polls (and PodMetrics samples). */
  readonly pollSeconds: number;
  /** k6 version of the runner image. */
  readonly k6Version: string;
  /** Where to read the run's cost; absent: the cost is modelled from the measured resources. */
  readonly cost?: CostReadRequest;
  /** Further components measured beside the SUT (same sampling as the SUT). @default none */
  readonly components?: readonly MeasuredComponent[];
  /** Service mesh mode recorded in the environment fingerprint, e.g. `istio-sidecar`. @default none */
  readonly meshMode?: string;
}

/** The headline figures exported as stack outputs beside the full RunResult. */
export interface HeadlineFigures {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly rps: number;
  readonly errorRate: number;
  /** SUT CPU core-seconds; undefined when no metrics were available. */
  readonly cpuCoreSeconds?: number;
  /** SUT peak memory; undefined when no metrics were available. */
  readonly memoryPeakBytes?: number;
  readonly thresholdsPassed: boolean;
}

/** `Job ns/name` or `TestRun ns/name`, for messages. */
export function describeRunner(req: Pick<RunResultsRequest, 'namespace' | 'runner'>): string {
  return `k6 ${req.runner.kind} ${req.namespace}/${req.runner.name}`;
}
