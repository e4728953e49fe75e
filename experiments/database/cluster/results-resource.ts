/**
 * The database run's result as a Pulumi dynamic resource: the shared RunResults resource
 * (src/cluster/results-provider.ts) pointed at this experiment's entry (results-entry.ts), so
 * its create waits for the workload Job and reads the pgbench / sysbench report from the pod
 * log. Its `rps` output holds transactions per second. Any input change replaces it (a new run).
 */
import * as pulumi from '@pulumi/pulumi';
import { RunResults } from '../../../src/cluster/results-provider';
import { DatabaseResultsRequest } from './request';

/** Type token: `pulumi-nodejs:dynamic/perflab:DatabaseRunResults`. */
export const DATABASE_RUN_RESULTS_TYPE = 'pulumi-nodejs:dynamic/perflab:DatabaseRunResults';

/** The measured result of one database run, available once the workload Job has finished. */
export function databaseRunResults(name: string, request: DatabaseResultsRequest, opts?: pulumi.CustomResourceOptions): RunResults {
  return new RunResults(name, request, opts, { entry: require.resolve('./results-entry'), type: 'DatabaseRunResults' });
}
