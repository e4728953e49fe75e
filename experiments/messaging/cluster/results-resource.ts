/**
 * MessagingRunResults: a Pulumi dynamic resource whose create waits for the harness Job and
 * reads its RunResult (results-reader.ts). It reuses the cluster side's self-contained
 * provider (src/cluster/results-provider.ts) with this experiment's provider entry, so the
 * serialized provider stays a few lines and any input change replaces the resource (a new run).
 */
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { runResultsProvider } from '../../../src/cluster/results-provider';
import { RunResult } from '../../../src/results/run-result';
import { MessagingResultsRequest } from './results-request';

/** Type token: `pulumi-nodejs:dynamic/perflab:MessagingRunResults`. */
export const MESSAGING_RUN_RESULTS_TYPE = 'pulumi-nodejs:dynamic/perflab:MessagingRunResults';

let provider: pulumi.dynamic.ResourceProvider | undefined;

function messagingProvider(): pulumi.dynamic.ResourceProvider {
  provider ??= runResultsProvider({
    entry: require.resolve('./provider-entry'),
    tsNode: require.resolve('ts-node'),
    tsconfig: path.resolve(__dirname, '..', '..', '..', 'tsconfig.json'),
  });
  return provider;
}

/** The measured result of one messaging run on a cluster. */
export class MessagingRunResults extends pulumi.dynamic.Resource {
  declare readonly runResult: pulumi.Output<RunResult>;
  declare readonly messagesPerSecond: pulumi.Output<number>;
  declare readonly bytesPerSecond: pulumi.Output<number>;
  declare readonly p50Ms: pulumi.Output<number>;
  declare readonly p95Ms: pulumi.Output<number>;
  declare readonly p99Ms: pulumi.Output<number>;
  declare readonly publishP99Ms: pulumi.Output<number>;
  declare readonly errorRate: pulumi.Output<number>;
  declare readonly lostMessages: pulumi.Output<number>;
  declare readonly recoverySeconds: pulumi.Output<number | undefined>;
  declare readonly brokerCpuCoreSeconds: pulumi.Output<number | undefined>;
  declare readonly brokerMemoryPeakBytes: pulumi.Output<number | undefined>;
  declare readonly thresholdsPassed: pulumi.Output<boolean>;

  constructor(name: string, request: MessagingResultsRequest, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      runResult: undefined,
      messagesPerSecond: undefined,
      bytesPerSecond: undefined,
      p50Ms: undefined,
      p95Ms: undefined,
      p99Ms: undefined,
      publishP99Ms: undefined,
      errorRate: undefined,
      lostMessages: undefined,
      recoverySeconds: undefined,
      brokerCpuCoreSeconds: undefined,
      brokerMemoryPeakBytes: undefined,
      thresholdsPassed: undefined,
    };
    super(messagingProvider(), name, { ...request, ...outputs }, opts, 'perflab', 'MessagingRunResults');
  }
}
