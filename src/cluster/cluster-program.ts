/**
 * The contract between the Pulumi program (index.ts), `perflab synth` and each experiment's
 * cluster side: how a validated stack becomes Pulumi resources, which stack outputs it exports,
 * and which manifests it would apply.
 */
import * as pulumi from '@pulumi/pulumi';
import { RunResult } from '../results/run-result';
import { StackSpec } from './stack-spec';

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

/** One experiment's cluster side. */
export interface ClusterProgram {
  /** `perflab:experiment` value it serves. */
  readonly experiment: string;
  /** Creates the stack's resources (inside the Pulumi program) and returns its outputs. */
  deploy(stack: StackSpec): ExperimentOutputs;
  /** The manifests the stack applies besides its Namespace, offline (synth, plan, check). */
  synthesize(stack: StackSpec): Record<string, unknown>[];
}
