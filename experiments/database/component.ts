/**
 * DatabaseExperiment: one database variant on a cluster as a Pulumi component — the operator
 * (Helm) unless it is already installed, generated passwords kept secret end to end (Kubernetes
 * Secrets from Pulumi secret outputs), the database (operator custom resources, Crossplane / ASO
 * resources, or @pulumi/aws / @pulumi/azure-native resources), the workload Job, and a
 * DatabaseRunResults resource that waits for the Job and exports the RunResult with TPS,
 * latency percentiles, the operational-complexity score and the hourly cost.
 */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import * as random from '@pulumi/random';
import { perflabLabels } from '../../constructs/labels';
import { experimentNamespace, requireClusterTarget } from '../../src/cluster/experiment-namespace';
import { ExperimentSpec } from '../../src/config/spec';
import { CostReadRequest } from '../../src/cluster/run-cost';
import { RunResult } from '../../src/results/run-result';
import { databaseRunResults } from './cluster/results-resource';
import { RunResults } from '../../src/cluster/results-provider';
import { DatabaseResultsRequest } from './cluster/request';
import { createCloudDatabase } from './cloud';
import { ComplexityScore, describeComplexity } from './complexity';
import { databaseHourlyCost } from './hourly-cost';
import { CLUSTER_USER, DatabaseManifests, synthesizeDatabase } from './manifests/chart';
import { installOperators } from './operators';
import { databaseComplexity } from './variant-complexity';

/** Pulumi type token of the component. */
export const DATABASE_EXPERIMENT_TYPE = 'perflab:database:DatabaseExperiment';

/** Arguments of DatabaseExperiment. */
export interface DatabaseExperimentArgs {
  /** The validated database spec (parseExperimentConfig); its target must be a cluster. */
  readonly spec: ExperimentSpec;
  /** Run id (src/cluster/run-id.ts): labels, Job name, RunResult id. */
  readonly runId: string;
  /** Label of the RunResult, usually the stack name. */
  readonly label?: string;
  /** Seconds between the reader's polls and PodMetrics samples. @default 10 */
  readonly pollSeconds?: number;
  /** Cost tool to read for in-cluster variants. @default none: cost modelled from measured resources */
  readonly cost?: CostReadRequest;
}

type Obj = Record<string, unknown>;
const nameOf = (o: Obj): string => (o.metadata as { name: string }).name;

/** The database experiment deployed, run and measured on a cluster. */
export class DatabaseExperiment extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly manifests: DatabaseManifests;
  readonly results: RunResults;
  readonly complexity: ComplexityScore;
  readonly runResult: pulumi.Output<RunResult>;
  readonly p50Ms: pulumi.Output<number>;
  readonly p95Ms: pulumi.Output<number>;
  readonly p99Ms: pulumi.Output<number>;
  /** Transactions per second. */
  readonly tps: pulumi.Output<number>;
  readonly errorRate: pulumi.Output<number>;
  readonly cpuCoreSeconds: pulumi.Output<number | undefined>;
  readonly memoryPeakBytes: pulumi.Output<number | undefined>;
  readonly thresholdsPassed: pulumi.Output<boolean>;
  /** What the variant costs per hour while it runs (undefined when no price is known). */
  readonly hourlyUsd?: number;

  constructor(name: string, args: DatabaseExperimentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(DATABASE_EXPERIMENT_TYPE, name, {}, opts);
    const { spec, runId } = args;
    requireClusterTarget('DatabaseExperiment', spec);
    const m = synthesizeDatabase(spec, runId);
    const s = m.settings;
    this.manifests = m;
    this.namespace = experimentNamespace(name, spec, runId, this);

    const operators = s.installOperator ? installOperators(name, m.path, this, [this.namespace]) : [];
    // Letters and digits only: safe in URLs, shells and every engine's password rules.
    const password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this });
    const secretPassword = pulumi.secret(password.result);
    const secretMeta = (n: string, extra: Record<string, string> = {}): k8s.types.input.meta.v1.ObjectMeta => ({ name: n, namespace: spec.namespace, labels: { ...perflabLabels({ experiment: spec.experiment.name, variant: spec.variant, run: runId, name: n, component: 'credentials' }), ...extra } });
    const secrets: pulumi.Resource[] = [
      new k8s.core.v1.Secret(`${name}-credentials`, { metadata: secretMeta(m.secrets.credentials), type: 'kubernetes.io/basic-auth', stringData: { username: CLUSTER_USER, password: secretPassword } }, { parent: this, dependsOn: [this.namespace] }),
    ];
    if (m.secrets.root) {
      const root = new random.RandomPassword(`${name}-root-password`, { length: 32, special: false }, { parent: this });
      secrets.push(new k8s.core.v1.Secret(`${name}-root`, { metadata: secretMeta(m.secrets.root), stringData: { password: pulumi.secret(root.result) } }, { parent: this, dependsOn: [this.namespace] }));
    }
    const cloud = m.path === 'rds-pulumi' || m.path === 'azure-pulumi' ? createCloudDatabase(name, m, secretPassword, this) : undefined;
    if (cloud && m.secrets.connection) {
      secrets.push(new k8s.core.v1.Secret(`${name}-connection`, { metadata: secretMeta(m.secrets.connection), stringData: { host: cloud.host } }, { parent: this, dependsOn: [this.namespace] }));
    }

    const jobNames = new Set([m.job.name, `${m.job.name}-scripts`]);
    const workloadObjs = m.namespaced.filter((o) => jobNames.has(nameOf(o)));
    const databaseObjs = [...m.clusterScoped, ...m.namespaced.filter((o) => !jobNames.has(nameOf(o)))];
    const dbDeps = [this.namespace, ...operators, ...secrets];
    const database = databaseObjs.length ? new k8s.yaml.ConfigGroup(`${name}-database`, { objs: databaseObjs }, { parent: this, dependsOn: dbDeps }) : undefined;
    const workload = new k8s.yaml.ConfigGroup(`${name}-workload`, { objs: workloadObjs }, { parent: this, dependsOn: [...dbDeps, ...(database ? [database] : []), ...(cloud?.resources ?? [])] });

    this.complexity = databaseComplexity(m);
    const hourly = databaseHourlyCost(s);
    this.hourlyUsd = hourly.usdPerHour;
    const cloudManaged = m.path.startsWith('rds') || m.path.startsWith('azure');
    const request: DatabaseResultsRequest = {
      namespace: spec.namespace,
      runId,
      label: args.label,
      experiment: spec.experiment.name,
      variant: spec.variant,
      target: spec.target,
      workload: s.workload,
      plan: m.plan,
      job: { name: m.job.name, selector: m.job.selector },
      databaseSelector: m.databaseSelector,
      databaseComponent: m.path === 'cnpg' ? 'postgres' : m.path === 'mariadb-operator' ? 'mariadb' : `${m.path}-${s.engine}`,
      profile: spec.profile,
      timeoutSeconds: m.job.deadlineSeconds + 120,
      pollSeconds: args.pollSeconds ?? 10,
      image: m.job.image,
      hourlyUsd: cloudManaged ? hourly.usdPerHour : undefined,
      hourlyBasis: cloudManaged ? hourly.basis : undefined,
      cost: cloudManaged ? undefined : args.cost,
      storageClass: s.storageClass,
      notes: [
        `database: ${m.path} (${s.engine} ${s.engineVersion}), ${s.instances} instance(s), ${s.cpu} CPU / ${s.memory} each, ${s.storageSize}${s.storageClass ? ` on ${s.storageClass}` : ''}`,
        describeComplexity(this.complexity),
        `hourly cost ${hourly.usdPerHour === undefined ? 'unknown' : `$${hourly.usdPerHour}`}: ${hourly.basis}`,
      ],
    };
    this.results = databaseRunResults(`${name}-results`, request, { parent: this, dependsOn: [workload] });
    this.runResult = this.results.runResult;
    this.p50Ms = this.results.p50Ms;
    this.p95Ms = this.results.p95Ms;
    this.p99Ms = this.results.p99Ms;
    this.tps = this.results.rps;
    this.errorRate = this.results.errorRate;
    this.cpuCoreSeconds = this.results.cpuCoreSeconds;
    this.memoryPeakBytes = this.results.memoryPeakBytes;
    this.thresholdsPassed = this.results.thresholdsPassed;
    this.registerOutputs({
      tps: this.tps,
      p50Ms: this.p50Ms,
      p95Ms: this.p95Ms,
      p99Ms: this.p99Ms,
      errorRate: this.errorRate,
      cpuCoreSeconds: this.cpuCoreSeconds,
      memoryPeakBytes: this.memoryPeakBytes,
      thresholdsPassed: this.thresholdsPassed,
      complexityScore: this.complexity.score,
      complexity: this.complexity,
      hourlyUsd: this.hourlyUsd,
      provisioning: m.path,
      runResult: this.runResult,
    });
  }
}
