/**
 * The seam between `perflab preflight` and a cluster: the reads the preflight makes, as plain
 * data. It extends the operators check's ClusterInventory (CRDs and Services by name); the real
 * implementation (kube-preflight-inventory.ts) asks the API server with @kubernetes/client-node,
 * tests use a fake.
 */
import type { ClusterInventory } from './cluster-inventory';

/** The API server's version (`GET /version`). */
export interface ServerVersion {
  /** e.g. `v1.34.4`, `v1.33.2+k3s1`. */
  readonly gitVersion: string;
  readonly major: number;
  /** Minor version; a trailing `+` (EKS, GKE) is dropped. */
  readonly minor: number;
}

/** A CustomResourceDefinition as the preflight needs it. */
export interface CrdState {
  readonly name: string;
  /** Versions with `served: true`. */
  readonly servedVersions: readonly string[];
  /** Whether the `Established` condition is True. */
  readonly established: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** An APIService (apiregistration.k8s.io/v1). */
export interface ApiServiceState {
  readonly name: string;
  /** Whether the `Available` condition is True. */
  readonly available: boolean;
  /** The Available condition's reason and message, when it is not True. */
  readonly message?: string;
}

/** A Node as placement sees it. */
export interface NodeState {
  readonly name: string;
  /** Ready, not cordoned, and without a NoSchedule/NoExecute taint. */
  readonly schedulable: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** Every name of every image the kubelet reports in `status.images` (`repo:tag`, `repo@sha256:...`). */
  readonly images: readonly string[];
}

/** What the preflight asks of a cluster. */
export interface PreflightInventory extends ClusterInventory {
  serverVersion(): Promise<ServerVersion>;
  /** The CRD `plural.group`, or undefined when there is none. */
  crd(name: string): Promise<CrdState | undefined>;
  /** The APIService `name` (e.g. `v1beta1.metrics.k8s.io`), or undefined when there is none. */
  apiService(name: string): Promise<ApiServiceState | undefined>;
  nodes(): Promise<NodeState[]>;
}

/** Parses `/version`'s major and minor (`"1"`, `"34+"`). */
export function serverVersionOf(v: { gitVersion?: string; major?: string; minor?: string }): ServerVersion {
  const fromGit = /^v?(\d+)\.(\d+)/.exec(v.gitVersion ?? '');
  const major = parseInt(v.major ?? '', 10);
  const minor = parseInt(v.minor ?? '', 10);
  return {
    gitVersion: v.gitVersion ?? `v${v.major}.${v.minor}`,
    major: Number.isFinite(major) ? major : Number(fromGit?.[1] ?? NaN),
    minor: Number.isFinite(minor) ? minor : Number(fromGit?.[2] ?? NaN),
  };
}
