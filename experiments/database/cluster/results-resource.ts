/**
 * DatabaseRunResults: the database run's result as a Pulumi dynamic resource — the cluster
 * side's self-contained RunResults provider (src/cluster/results-provider.ts) pointed at this
 * experiment's entry (results-entry.ts), so its create waits for the workload Job and reads the
 * pgbench / sysbench report from the pod log. Any input change replaces it (a new run).
 */
import * as pulumi from '@pulumi/pulumi';
import { defaultProviderPaths, runResultsProvider } from '../../../src/cluster/results-provider';
import { RunResult } from '../../../src/results/run-result';
import { DatabaseResultsRequest } from './request';

let sharedProvider: pulumi.dynamic.ResourceProvider | undefined;

function provider(): pulumi.dynamic.ResourceProvider {
  sharedProvider ??= runResultsProvider({ ...defaultProviderPaths(), entry: require.resolve('./results-entry') });
  return sharedProvider;
}

/** Type token: `pulumi-nodejs:dynamic/perflab:DatabaseRunResults`. */
export const DATABASE_RUN_RESULTS_TYPE = 'pulumi-nodejs:dynamic/perflab:DatabaseRunResults';

/** The measured result of one database run, available once the workload Job has finished. */
export class DatabaseRunResults extends pulumi.dynamic.Resource {
  declare readonly runResult: pulumi.Output<RunResult>;
  declare readonly p50Ms: pulumi.Output<number>;
  declare readonly p95Ms: pulumi.Output<number>;
  declare readonly p99Ms: pulumi.Output<number>;
  /** Transactions per second. */
  declare readonly rps: pulumi.Output<number>;
  declare readonly errorRate: pulumi.Output<number>;
  /** Undefined for cloud databases and clusters without metrics.k8s.io. */
  declare readonly cpuCoreSeconds: pulumi.Output<number | undefined>;
  declare readonly memoryPeakBytes: pulumi.Output<number | undefined>;
  declare readonly thresholdsPassed: pulumi.Output<boolean>;

  constructor(name: string, request: DatabaseResultsRequest, opts?: pulumi.CustomResourceOptions) {
    const outputs = { runResult: undefined, p50Ms: undefined, p95Ms: undefined, p99Ms: undefined, rps: undefined, errorRate: undefined, cpuCoreSeconds: undefined, memoryPeakBytes: undefined, thresholdsPassed: undefined };
    super(provider(), name, { ...JSON.parse(JSON.stringify(request)), ...outputs }, opts, 'perflab', 'DatabaseRunResults');
  }
}
