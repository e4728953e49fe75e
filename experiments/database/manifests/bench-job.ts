/**
 * BenchJob: the database workload as a Kubernetes Job — a ConfigMap with run.sh (job-script.ts)
 * and perflab's pgbench scripts, and a `batch/v1` Job running it once in the workload image
 * (pgbench, sysbench, sysbench-tpcc). Connection details arrive as environment variables, the
 * password only as a secretKeyRef. Non-root, read-only root filesystem, an emptyDir for
 * scratch; placed away from the database pods when it can be.
 */
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ANNOTATION, LABEL, RunIdentity, perflabLabels, selectorLabels } from '../../../constructs/labels';
import { Thresholds } from '../../../src/load/profile';
import { SKIP_AWAIT_ANNOTATION } from '../../../constructs/k6-run';
import { placementSpec } from '../../../constructs/placement';
import { PropChecker } from '../../../constructs/validation';
import { PGBENCH_SCRIPTS, pgbenchScriptFile } from '../pgbench-scripts';
import { DB_BENCH_IMAGE, DB_BENCH_UID } from '../versions';
import { JOB_PATHS } from './job-script';

/** `app.kubernetes.io/name` of the workload pods. */
export const BENCH_NAME = 'db-bench';
/** `app.kubernetes.io/component` of the workload pods. */
export const BENCH_COMPONENT = 'load-generator';

/** A value, or a key of a Secret. */
export type EnvSource = { readonly value: string } | { readonly secret: string; readonly key: string };

/** Props of BenchJob. */
export interface BenchJobProps {
  readonly identity: RunIdentity;
  /** run.sh (job-script.ts). */
  readonly script: string;
  /** DB_HOST, DB_PORT, DB_USER, DB_NAME and DB_PASSWORD (the password must come from a Secret). */
  readonly connection: {
    readonly host: EnvSource;
    readonly port: EnvSource;
    readonly user: EnvSource;
    readonly database: EnvSource;
    readonly password: { readonly secret: string; readonly key: string };
  };
  /** Seconds the Job may take in all (activeDeadlineSeconds). */
  readonly deadlineSeconds: number;
  /** The profile's thresholds, carried as an annotation for policies (no k6 script holds them). */
  readonly thresholds: Thresholds;
  /** Database pod labels, to keep the workload off their node when possible. */
  readonly databaseSelector?: Readonly<Record<string, string>>;
  /** @default DB_BENCH_IMAGE */
  readonly image?: string;
  /** CPU and memory request (limit 2×) of the workload pod. @default 1 / 512Mi */
  readonly cpu?: string;
  readonly memory?: string;
  /** @default `db-bench-<run>` */
  readonly name?: string;
}

function env(name: string, s: EnvSource): k8s.EnvVar {
  return 'value' in s ? { name, value: s.value } : { name, valueFrom: { secretKeyRef: { name: s.secret, key: s.key } } };
}

/** The workload Job of one database run. */
export class BenchJob extends Construct {
  readonly name: string;
  readonly job: k8s.KubeJob;
  readonly configMap: k8s.KubeConfigMap;
  /** Labels selecting exactly this run's workload pod. */
  readonly runnerSelector: Readonly<Record<string, string>>;
  readonly deadlineSeconds: number;

  constructor(scope: Construct, id: string, p: BenchJobProps) {
    super(scope, id);
    const check = new PropChecker(`BenchJob "${id}"`);
    const image = check.image('image', p.image ?? DB_BENCH_IMAGE);
    const cpu = check.cpu('cpu', p.cpu ?? '1');
    const memory = check.memory('memory', p.memory ?? '512Mi');
    this.deadlineSeconds = check.int('deadlineSeconds', p.deadlineSeconds, 60);
    const name = p.name ?? `db-bench-${p.identity.run}`;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 52) check.fail('name', name, 'a DNS-1123 label of at most 52 characters');
    this.name = name;
    const workload = { ...p.identity, name: BENCH_NAME, component: BENCH_COMPONENT };
    const labels = perflabLabels(workload);
    this.runnerSelector = { ...selectorLabels(workload), [LABEL.run]: p.identity.run };
    const data: Record<string, string> = { 'run.sh': p.script };
    for (const [n, text] of Object.entries(PGBENCH_SCRIPTS)) data[pgbenchScriptFile(n)] = text;
    this.configMap = new k8s.KubeConfigMap(this, 'scripts', { metadata: { name: `${name}-scripts`, labels }, data });
    const q = (s: string): k8s.Quantity => k8s.Quantity.fromString(s);
    const c = p.connection;
    const where = p.databaseSelector ? placementSpec('preferred-anti-affinity', p.databaseSelector) : {};
    this.job = new k8s.KubeJob(this, 'job', {
      metadata: { name, labels, annotations: { [SKIP_AWAIT_ANNOTATION]: 'true', [ANNOTATION.thresholds]: JSON.stringify(p.thresholds) } },
      spec: {
        backoffLimit: 0,
        completions: 1,
        parallelism: 1,
        activeDeadlineSeconds: this.deadlineSeconds,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, runAsUser: DB_BENCH_UID, runAsGroup: DB_BENCH_UID, fsGroup: DB_BENCH_UID, seccompProfile: { type: 'RuntimeDefault' } },
            ...where,
            containers: [
              {
                name: 'bench',
                image,
                imagePullPolicy: 'IfNotPresent',
                command: ['/bin/sh', `${JOB_PATHS.scripts}/run.sh`],
                env: [env('DB_HOST', c.host), env('DB_PORT', c.port), env('DB_USER', c.user), env('DB_NAME', c.database), env('DB_PASSWORD', c.password), { name: 'HOME', value: JOB_PATHS.work }],
                resources: { requests: { cpu: q(cpu), memory: q(memory) }, limits: { cpu: q(String(Number(cpu.replace(/m$/, '')) * 2) + (cpu.endsWith('m') ? 'm' : '')), memory: q(memory) } },
                securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [
                  { name: 'scripts', mountPath: JOB_PATHS.scripts, readOnly: true },
                  { name: 'work', mountPath: JOB_PATHS.work },
                ],
              },
            ],
            volumes: [
              { name: 'scripts', configMap: { name: this.configMap.name } },
              { name: 'work', emptyDir: { sizeLimit: q('2Gi') } },
            ],
          },
        },
      },
    });
  }
}
