/**
 * RunResults: a Pulumi dynamic resource whose create waits for the k6 run and reads its
 * RunResult (src/cluster/results-reader.ts). Pulumi serializes the provider object into state,
 * so the provider here is self-contained: its methods capture only three path strings and
 * `require` the real logic (provider-entry.ts, through ts-node when it is not yet registered)
 * inside the dynamic-provider process. Any input change replaces the resource (a new run).
 */
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { RunResult } from '../results/run-result';
import { RunResultsRequest } from './run-request';

/** Absolute paths the serialized provider needs at run time. */
export interface ProviderPaths {
  /** provider-entry.ts (or .js). */
  readonly entry: string;
  /** The ts-node package, to load .ts sources in the dynamic-provider process. */
  readonly tsNode: string;
  /** tsconfig.json for ts-node. */
  readonly tsconfig: string;
}

/** The paths of this checkout. */
export function defaultProviderPaths(): ProviderPaths {
  return {
    entry: require.resolve('./provider-entry'),
    tsNode: require.resolve('ts-node'),
    tsconfig: path.resolve(__dirname, '..', '..', 'tsconfig.json'),
  };
}

/** A self-contained dynamic provider for RunResults. */
export function runResultsProvider(paths: ProviderPaths): pulumi.dynamic.ResourceProvider {
  const entry = paths.entry;
  const tsNode = paths.tsNode;
  const tsconfig = paths.tsconfig;
  return {
    async create(inputs: Record<string, unknown>) {
      // Runs in Pulumi's dynamic-provider process: load the reader from this checkout.
      if (entry.endsWith('.ts') && !require.extensions['.ts']) require(tsNode).register({ transpileOnly: true, project: tsconfig });
      return require(entry).createRunResults(inputs);
    },
    async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
      const stable = (v: unknown): string =>
        JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
      const replaces = Object.keys(news).filter((k) => k !== '__provider' && stable(olds[k]) !== stable(news[k]));
      return { changes: replaces.length > 0, replaces };
    },
    async delete() {
      // Nothing to delete: the result lives in the stack's state, the run's objects in the ConfigGroups.
    },
  };
}

let sharedProvider: pulumi.dynamic.ResourceProvider | undefined;

/** The provider used by RunResults (one per program, so Pulumi serializes it once). */
function provider(): pulumi.dynamic.ResourceProvider {
  sharedProvider ??= runResultsProvider(defaultProviderPaths());
  return sharedProvider;
}

/** Type token of RunResults: `pulumi-nodejs:dynamic/perflab:RunResults`. */
export const RUN_RESULTS_TYPE = 'pulumi-nodejs:dynamic/perflab:RunResults';

/** The measured result of one cluster run, available once the k6 run has finished. */
export class RunResults extends pulumi.dynamic.Resource {
  /** The whole RunResult document. */
  declare readonly runResult: pulumi.Output<RunResult>;
  declare readonly p50Ms: pulumi.Output<number>;
  declare readonly p95Ms: pulumi.Output<number>;
  declare readonly p99Ms: pulumi.Output<number>;
  declare readonly rps: pulumi.Output<number>;
  declare readonly errorRate: pulumi.Output<number>;
  /** Undefined when the cluster serves no metrics.k8s.io. */
  declare readonly cpuCoreSeconds: pulumi.Output<number | undefined>;
  /** Undefined when the cluster serves no metrics.k8s.io. */
  declare readonly memoryPeakBytes: pulumi.Output<number | undefined>;
  declare readonly thresholdsPassed: pulumi.Output<boolean>;

  /**
   * `reader` lets an experiment read its runs with its own entry module (an extended request,
   * extra figures in the RunResult) under its own type name, with the same outputs; the entry
   * exports `createRunResults` (provider-entry.ts's `createRunResultsWith`). @default the shared reader, type `RunResults`
   */
  constructor(name: string, request: RunResultsRequest, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, request: object, opts: pulumi.CustomResourceOptions | undefined, reader: { readonly entry: string; readonly type: string });
  constructor(name: string, request: object, opts?: pulumi.CustomResourceOptions, reader?: { readonly entry: string; readonly type: string }) {
    const outputs = { runResult: undefined, p50Ms: undefined, p95Ms: undefined, p99Ms: undefined, rps: undefined, errorRate: undefined, cpuCoreSeconds: undefined, memoryPeakBytes: undefined, thresholdsPassed: undefined };
    const inputs = reader ? JSON.parse(JSON.stringify(request)) : request;
    super(reader ? readerProvider(reader.entry) : provider(), name, { ...inputs, ...outputs }, opts, 'perflab', reader?.type ?? 'RunResults');
  }
}

const readerProviders = new Map<string, pulumi.dynamic.ResourceProvider>();

/** One provider per experiment entry module (so Pulumi serializes each once). */
function readerProvider(entry: string): pulumi.dynamic.ResourceProvider {
  let p = readerProviders.get(entry);
  if (!p) readerProviders.set(entry, (p = runResultsProvider({ ...defaultProviderPaths(), entry })));
  return p;
}
