/**
 * The contract between the Pulumi program (index.ts), `perflab synth` and each experiment's
 * cluster side: how a validated stack becomes Pulumi resources, which stack outputs it exports,
 * and which manifests it would apply.
 */
import * as pulumi from '@pulumi/pulumi';
import { RunResult } from '../results/run-result';
import { StackSpec } from './stack-spec';
import { CostReadRequest } from './run-request';
import type { RunResults } from './results-provider';
import type { Prerequisites } from './prerequisites';
import type { ChartRef } from './chart-index';

/** The outputs every experiment's stack exports, so stacks of any experiment compare alike. */
export interface ExperimentOutputs {
  /** The whole RunResult (`pulumi stack output runResult --json > results/<experiment>/<id>.json`). */
  readonly runResult: pulumi.Output<RunResult>;
  /** Median latency, ms. */
  readonly p50Ms: pulumi.Output<number>;
  /** 95th percentile latency, ms. */
  readonly p95Ms: pulumi.Output<number>;
  /** 99th percentile latency, ms. */
  readonly p99Ms: pulumi.Output<number>;
  /** Main throughput figure (requests, transactions or messages per second). */
  readonly throughput: pulumi.Output<number>;
  /** Share of failed operations, 0..1. */
  readonly errorRate: pulumi.Output<number>;
  /** CPU core-seconds of the system under test during the run. */
  readonly cpuCoreSeconds: pulumi.Output<number | undefined>;
  /** Peak memory of the system under test during the run, bytes. */
  readonly memoryPeakBytes: pulumi.Output<number | undefined>;
  /** Whether every threshold of the profile held. */
  readonly thresholdsPassed: pulumi.Output<boolean>;
}

/** What index.ts hands every cluster program besides the stack's spec. */
export interface DeployExtras {
  /** Where the run's cost is read; undefined: the cost is modelled from measured resources. */
  readonly cost?: CostReadRequest;
  /** Resources the experiment waits for (e.g. the cost tool this stack installs). */
  readonly dependsOn: pulumi.Resource[];
}

/** One experiment's cluster side. */
export interface ClusterProgram {
  /** `perflab:experiment` value it serves. */
  readonly experiment: string;
  /**
   * Creates the stack's resources (inside the Pulumi program) and returns its outputs. `cost`
   * says where the results reader reads the run's cost (undefined: modelled); `dependsOn`
   * holds what must exist first (the stack's cost tool).
   */
  deploy(stack: StackSpec, extra: DeployExtras): ExperimentOutputs;
  /** The manifests the stack applies besides its Namespace, offline (synth, plan, check). */
  synthesize(stack: StackSpec): Record<string, unknown>[];
  /**
   * What the stack needs to find already on the cluster (CRDs of operators it does not install),
   * checked before anything is created. @default none (nothing when `perflab-cluster:operators` is helm)
   */
  prerequisites?(stack: StackSpec): Prerequisites;
  /**
   * The Helm charts the stack installs (none when `perflab-cluster:operators` is preinstalled),
   * which `perflab preflight` looks up in their repositories. @default none
   */
  charts?(stack: StackSpec): readonly ChartRef[];
  /** Labels the experiment adds to its Namespace (e.g. a mesh's enrolment label). @default none */
  namespaceLabels?(stack: StackSpec): Readonly<Record<string, string>>;
}

/** The headline outputs of a results resource (RunResults, or one with an experiment's own reader), as every experiment exports them. */
export function outputsOfResults(r: Pick<RunResults, 'runResult' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'rps' | 'errorRate' | 'cpuCoreSeconds' | 'memoryPeakBytes' | 'thresholdsPassed'>): ExperimentOutputs {
  return { runResult: r.runResult, p50Ms: r.p50Ms, p95Ms: r.p95Ms, p99Ms: r.p99Ms, throughput: r.rps, errorRate: r.errorRate, cpuCoreSeconds: r.cpuCoreSeconds, memoryPeakBytes: r.memoryPeakBytes, thresholdsPassed: r.thresholdsPassed };
}
