/**
 * What the database results reader needs about one cluster run — the inputs of the
 * DatabaseRunResults resource. Plain JSON (no secrets: the password never reaches the reader).
 */
import { ResolvedLoadProfile } from '../../../src/load/profile';
import { CostReadRequest } from '../../../src/cluster/run-request';
import { RunPlan } from '../run-plan';
import { WorkloadName } from '../workloads';

/** Inputs of the database results reader. */
export interface DatabaseResultsRequest {
  readonly namespace: string;
  readonly runId: string;
  readonly label?: string;
  readonly experiment: string;
  readonly variant: string;
  /** `k3s`, `eks`, `aks`. */
  readonly target: string;
  readonly workload: WorkloadName;
  readonly plan: RunPlan;
  /** The workload Job. */
  readonly job: { readonly name: string; readonly selector: Readonly<Record<string, string>> };
  /** Labels of the database pods (in-cluster variants); a cloud database has none. */
  readonly databaseSelector?: Readonly<Record<string, string>>;
  /** Component name of the database in RunResult.resources. */
  readonly databaseComponent: string;
  readonly profile: ResolvedLoadProfile;
  readonly timeoutSeconds: number;
  readonly pollSeconds: number;
  /** Workload image (recorded in the environment). */
  readonly image: string;
  /** Cloud list price per hour (cloud variants): the run's cost is this × its duration. */
  readonly hourlyUsd?: number;
  /** Where that price comes from. */
  readonly hourlyBasis?: string;
  /** Cost tool to read (in-cluster variants); absent: modelled from the measured resources. */
  readonly cost?: CostReadRequest;
  /** Notes added to the RunResult (provisioning path, complexity score, engine version). */
  readonly notes: readonly string[];
  /** Storage class of the database volumes, for the environment fingerprint. */
  readonly storageClass?: string;
}
