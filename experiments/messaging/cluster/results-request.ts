/**
 * What the messaging results reader needs about one cluster run: the shared RunResultsRequest
 * (namespace, run id, the harness Job as the runner, the broker pods as the system under test,
 * profile, timeouts) plus the scenario run and the workload the harness was given. Plain JSON,
 * so it travels through Pulumi state unchanged.
 */
import { RunResultsRequest } from '../../../src/cluster/run-request';
import { ScenarioRun } from '../scenarios';
import { MessagingWorkload } from '../workload';

/** Inputs of the MessagingRunResults resource. */
export interface MessagingResultsRequest extends RunResultsRequest {
  readonly scenarioRun: ScenarioRun;
  readonly workload: MessagingWorkload;
  readonly recoveryTolerance: number;
  /** NATS file store sync setting and the pinned server version (durability in the result). */
  readonly natsSync?: { readonly interval: string; readonly serverVersion?: string };
}

/** The headline figures exported beside the RunResult. */
export interface MessagingHeadline {
  /** Acknowledged messages per second. */
  readonly messagesPerSecond: number;
  readonly bytesPerSecond: number;
  /** End-to-end latency percentiles, ms. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Publish (ack) latency p99, ms. */
  readonly publishP99Ms: number;
  readonly errorRate: number;
  /** Acknowledged messages never delivered. */
  readonly lostMessages: number;
  /** Recovery scenario: seconds back to steady state (-1: not recovered); undefined otherwise. */
  readonly recoverySeconds?: number;
  /** Broker CPU core-seconds (metrics.k8s.io); undefined without metrics. */
  readonly brokerCpuCoreSeconds?: number;
  /** Broker peak memory, bytes; undefined without metrics. */
  readonly brokerMemoryPeakBytes?: number;
  readonly thresholdsPassed: boolean;
}
