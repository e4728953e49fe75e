/**
 * MqbenchJob: one run of the messaging harness in the cluster — a `batch/v1` Job (one pod,
 * backoffLimit 0, activeDeadlineSeconds = schedule + connect + drain + margin, not awaited by
 * Pulumi: the results reader waits) whose container gets the workload as JSON arguments and
 * prints its JSON lines to the pod log. The pod runs non-root on a read-only root filesystem,
 * away from the broker pods. For the recovery scenario a ServiceAccount with `delete` on pods
 * in the namespace (and nothing else) lets the harness kill a broker pod mid-run.
 */
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ANNOTATION, LABEL, RunIdentity, perflabLabels, selectorLabels } from '../../../constructs/labels';
import { SKIP_AWAIT_ANNOTATION } from '../../../constructs/k6-run';
import { placementSpec } from '../../../constructs/placement';
import { MessagingWorkload, scheduleSeconds } from '../workload';

/** `app.kubernetes.io/name` of the harness. */
export const HARNESS_NAME = 'mqbench';
/** `app.kubernetes.io/component` of the harness pod (the load generator). */
export const HARNESS_COMPONENT = 'load-generator';
/** Annotation naming the thresholds the run is judged by (mqbench has no k6 script to hold them). */
export const THRESHOLDS_ANNOTATION = ANNOTATION.thresholds;
/** The distroless `nonroot` user the harness image runs as. */
const NONROOT_UID = 65532;

/** Props of MqbenchJob. */
export interface MqbenchJobProps {
  readonly identity: RunIdentity;
  readonly workload: MessagingWorkload;
  /** Harness image, pinned. */
  readonly image: string;
  /** Labels of the broker pods (anti-affinity; the fault target's neighbours). */
  readonly brokerSelector: Readonly<Record<string, string>>;
  /** Secret with `username` / `password` for the broker (RabbitMQ's default user). */
  readonly credentialsSecret?: string;
  /** Extra seconds for scheduling, image pull and start-up. @default 120 */
  readonly marginSeconds?: number;
  /** The profile's thresholds (perflab judges the run by them from the harness output). */
  readonly thresholds: Readonly<Record<string, number>>;
}

/** The harness Job, and its ServiceAccount (plus Role and RoleBinding when it injects a fault). */
export class MqbenchJob extends Construct {
  readonly name: string;
  readonly job: k8s.KubeJob;
  /** Labels selecting exactly this run's harness pod. */
  readonly selector: Readonly<Record<string, string>>;
  /** Seconds the Job may run in all. */
  readonly deadlineSeconds: number;

  constructor(scope: Construct, id: string, props: MqbenchJobProps) {
    super(scope, id);
    const w = props.workload;
    const workloadId = { ...props.identity, name: HARNESS_NAME, component: HARNESS_COMPONENT };
    const labels = perflabLabels(workloadId);
    this.selector = { ...selectorLabels(workloadId), [LABEL.run]: props.identity.run };
    this.name = `mqbench-${props.identity.run}`.slice(0, 52).replace(/-+$/, '');
    this.deadlineSeconds = Math.ceil(scheduleSeconds(w.schedule) + w.connectSeconds + w.drainSeconds + 2 * w.ackTimeoutSeconds + (props.marginSeconds ?? 120));
    const fault = w.fault !== undefined;
    const account = new k8s.KubeServiceAccount(this, 'account', { metadata: { name: this.name, labels }, automountServiceAccountToken: fault });
    if (fault) {
      const role = new k8s.KubeRole(this, 'role', {
        metadata: { name: `${this.name}-fault`, labels },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] }],
      });
      new k8s.KubeRoleBinding(this, 'binding', {
        metadata: { name: `${this.name}-fault`, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.name },
        subjects: [{ kind: 'ServiceAccount', name: account.name }],
      });
    }
    const env: k8s.EnvVar[] = props.credentialsSecret
      ? [
          { name: 'MQBENCH_USERNAME', valueFrom: { secretKeyRef: { name: props.credentialsSecret, key: 'username' } } },
          { name: 'MQBENCH_PASSWORD', valueFrom: { secretKeyRef: { name: props.credentialsSecret, key: 'password' } } },
        ]
      : [];
    const q = (s: string): k8s.Quantity => k8s.Quantity.fromString(s);
    this.job = new k8s.KubeJob(this, 'job', {
      metadata: { name: this.name, labels, annotations: { [SKIP_AWAIT_ANNOTATION]: 'true', [THRESHOLDS_ANNOTATION]: JSON.stringify(props.thresholds) } },
      spec: {
        backoffLimit: 0,
        completions: 1,
        parallelism: 1,
        activeDeadlineSeconds: this.deadlineSeconds,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            serviceAccountName: account.name,
            automountServiceAccountToken: fault,
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, runAsUser: NONROOT_UID, runAsGroup: NONROOT_UID, seccompProfile: { type: 'RuntimeDefault' } },
            ...placementSpec('preferred-anti-affinity', props.brokerSelector),
            containers: [
              {
                name: 'mqbench',
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                args: ['--workload', JSON.stringify(w)],
                env,
                resources: { requests: { cpu: q('1'), memory: q('512Mi') }, limits: { cpu: q('2'), memory: q('2Gi') } },
                securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    });
  }
}
