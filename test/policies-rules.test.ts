/**
 * Every rule on its passing and failing fixture (test/fixtures/policies/<rule>/), through both
 * front ends: the CrossGuard policy's own validateResource / validateStack (fake args, a
 * reportViolation spy; no PolicyPack is built) and `perflab check`'s core on the same file. Both
 * must report exactly the expected `Kind/name: message` lines.
 */
import { ALL_RULES } from '../policies/rules';
import { fixture, viaCheck, viaPackOnFile } from './fixtures/policies/harness';

interface Case {
  readonly rule: string;
  /** Stack the objects belong to (its config is test/fixtures/policies/project/stacks/Pulumi.<stack>.yaml). */
  readonly stack?: string;
  readonly pass?: string;
  readonly fail?: string;
  /** Exactly what the failing fixture must produce, in order. */
  readonly expected: readonly string[];
}

const CASES: readonly Case[] = [
  {
    rule: 'container-resources',
    expected: [
      'Deployment/api: container "api" does not set resources.requests.memory, resources.limits.cpu and resources.limits.memory',
      'Deployment/api: init container "init" does not set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory',
      'TestRun/load: container "k6" does not set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory',
    ],
  },
  {
    rule: 'limits-cover-requests',
    expected: [
      'StatefulSet/db: container "postgres" resources.limits.cpu 250m is below resources.requests.cpu 500m',
      'StatefulSet/db: container "postgres" resources.limits.memory 1Gi is below resources.requests.memory 2Gi',
      'StatefulSet/db: container "exporter" resources.requests.cpu "lots" is not a Kubernetes quantity',
    ],
  },
  {
    rule: 'image-pinned',
    expected: [
      'Deployment/api: container "api" image "perflab/runtime-go:latest" uses the mutable tag "latest"; pin a version tag or a digest',
      'Deployment/api: container "proxy" image "registry.local:5000/envoy" has no tag (it means latest); pin a version tag or a digest',
      'Deployment/api: container "sidecar" has no image',
      'Deployment/api: init container "init" image "busybox" has no tag (it means latest); pin a version tag or a digest',
      'TestRun/load: spec.runner.image is not set, so the k6-operator runs its default grafana/k6:latest; pin the runner image',
    ],
  },
  {
    rule: 'workload-probes',
    expected: [
      'Deployment/api: container "api" has no readinessProbe and no livenessProbe',
      'StatefulSet/db: container "postgres" has no livenessProbe',
      'DaemonSet/node-agent: container "agent" has no readinessProbe',
    ],
  },
  {
    rule: 'sut-replicas',
    expected: [
      'Deployment/runtime-go: spec.replicas is 0; the system under test needs at least 1 replica to serve the load',
      'StatefulSet/db: spec.replicas "2" is not a whole number',
    ],
  },
  {
    rule: 'run-as-non-root',
    expected: [
      'Deployment/api: container "api" does not set securityContext.runAsNonRoot: true (in the container or the pod)',
      'Deployment/api: container "proxy" runs as root (securityContext.runAsUser: 0)',
      'Job/k6: init container "wait" does not set securityContext.runAsNonRoot: true (in the container or the pod)',
      'DaemonSet/cilium: container "cilium-agent" runs as root (securityContext.runAsUser: 0)',
    ],
  },
  {
    rule: 'no-privilege-escalation',
    expected: [
      'Deployment/api: container "api" does not set securityContext.allowPrivilegeEscalation: false',
      'Deployment/api: init container "init" does not set securityContext.allowPrivilegeEscalation: false',
      'TestRun/load: container "k6" does not set securityContext.allowPrivilegeEscalation: false',
    ],
  },
  {
    rule: 'read-only-root-filesystem',
    expected: [
      'Deployment/api: container "api" does not set securityContext.readOnlyRootFilesystem: true',
      'Deployment/api: container "proxy" does not set securityContext.readOnlyRootFilesystem: true',
    ],
  },
  {
    rule: 'seccomp-runtime-default',
    expected: [
      'Deployment/api: container "api" runs with seccompProfile Unconfined (allowed: RuntimeDefault, Localhost)',
      'Job/k6: container "k6" has no seccompProfile; set securityContext.seccompProfile.type: RuntimeDefault in the pod or the container',
    ],
  },
  {
    rule: 'drop-all-capabilities',
    expected: [
      'Deployment/api: container "api" does not drop ALL capabilities (securityContext.capabilities.drop)',
      'Deployment/api: container "web" adds capabilities NET_ADMIN and SYS_PTRACE (allowed: NET_BIND_SERVICE)',
      'Deployment/api: container "debug" does not drop ALL capabilities (securityContext.capabilities.drop) and adds capabilities SYS_ADMIN (allowed: NET_BIND_SERVICE)',
    ],
  },
  {
    rule: 'no-privileged-containers',
    expected: [
      'Deployment/api: init container "sysctl" is privileged (securityContext.privileged: true)',
      'Pod/debug: container "shell" is privileged (securityContext.privileged: true)',
    ],
  },
  {
    rule: 'no-host-namespaces',
    expected: [
      "Deployment/api: spec.template.spec.hostNetwork is true: the pod shares the node's network namespace",
      "CronJob/probe: spec.jobTemplate.spec.template.spec.hostPID is true: the pod shares the node's process namespace",
      "CronJob/probe: spec.jobTemplate.spec.template.spec.hostIPC is true: the pod shares the node's IPC namespace",
    ],
  },
  {
    rule: 'no-host-path',
    expected: [
      'Deployment/api: volume "docker" mounts the node\'s /var/run/docker.sock (hostPath)',
      'Deployment/api: volume "logs" mounts the node\'s /var/log (hostPath)',
    ],
  },
  {
    rule: 'automount-service-account-token',
    expected: [
      'Deployment/api: the pod runs on the default service account and does not set spec.template.spec.automountServiceAccountToken: false',
      'TestRun/load: the pod runs on the default service account and does not set spec.runner.automountServiceAccountToken: false',
    ],
  },
  {
    rule: 'service-exposure',
    expected: [
      'Service/api: spec.type is LoadBalancer; lab services are ClusterIP (allow-list the service if it must be reachable from outside)',
      'Service/grafana: spec.type is NodePort; lab services are ClusterIP (allow-list the service if it must be reachable from outside)',
    ],
  },
  {
    rule: 'namespace-set',
    expected: [
      'ConfigMap/script: metadata.namespace is not set, so the object lands in whatever namespace the kubeconfig context defaults to',
      'Deployment/api: metadata.namespace is "default"; put the experiment in its own namespace',
    ],
  },
  {
    rule: 'lab-run-labels',
    expected: [
      'Deployment/api: spec.template.metadata.labels (the pods) is missing perflab.dev/variant and perflab.dev/run',
      'ConfigMap/script: metadata.labels is missing perflab.dev/variant and perflab.dev/run',
      'TestRun/load: spec.runner.metadata.labels (the pods) is missing perflab.dev/experiment, perflab.dev/variant and perflab.dev/run',
      'Namespace/scratch: metadata.labels is missing perflab.dev/experiment, perflab.dev/variant and perflab.dev/run',
    ],
  },
  {
    rule: 'recommended-labels',
    expected: ['Service/api: metadata.labels is missing app.kubernetes.io/instance, app.kubernetes.io/part-of and app.kubernetes.io/managed-by'],
  },
  {
    rule: 'no-plaintext-secrets',
    expected: [
      'Job/k6: container "k6" env K6_CLOUD_TOKEN has a literal value; take it from a Secret (valueFrom.secretKeyRef)',
      'Job/k6: container "k6" env TLS_KEY holds a private key in plain text; mount it from a Secret',
      'ConfigMap/api-config: data key db_password looks like a credential; ConfigMaps are not encrypted or access-restricted, put it in a Secret',
      'ConfigMap/api-config: data key server.pem holds a private key; put it in a Secret',
      'Secret/db: stringData holds literal values (username, password) that nothing encrypts; create the Secret in the Pulumi program from a secret config value (pulumi config set --secret)',
    ],
  },
  {
    rule: 'load-run-deadline',
    expected: [
      'Job/k6-run: spec.activeDeadlineSeconds is not set: a stuck load run would hold its pods and nodes until someone deletes it',
      'CronJob/nightly-soak: spec.jobTemplate.spec.activeDeadlineSeconds is 86400 s, above the maximum of 21600 s',
      'TestRun/k6-dist: annotation perflab.dev/deadline-seconds is not set: a TestRun has no activeDeadlineSeconds, so this annotation is its deadline',
      'TestRun/k6-bad: annotation perflab.dev/deadline-seconds "soon" is not a positive whole number of seconds',
    ],
  },
  {
    rule: 'cloud-tags',
    expected: [
      'Instance/pg: RDS instance spec.forProvider.tags is missing experiment and budget (required: owner, experiment, budget)',
      'Server/sql: Azure SQL server spec.tags is missing owner, experiment and budget (required: owner, experiment, budget)',
    ],
  },
  {
    rule: 'cloud-size',
    expected: [
      'Instance/pg: spec.forProvider.instanceClass db.r6g.4xlarge has 16 vCPUs, above the maximum of 4',
      'Instance/loadgen: cannot tell how many vCPUs spec.forProvider.instanceType m5.metal has; list it in allowedSizes to allow it',
      'FlexibleServer/pg: spec.sku.name Standard_E16ds_v5 has 16 vCPUs, above the maximum of 4',
    ],
  },
  {
    rule: 'cloud-ephemeral',
    stack: 'db-experiment',
    expected: [
      'Instance/pg: spec.forProvider.deletionProtection is true; on an experiment stack, pulumi destroy must remove it (set it to false)',
      'Instance/pg: spec.forProvider.skipFinalSnapshot is not true: destroying the stack would leave a final snapshot that bills until someone deletes it',
      'Instance/pg: spec.deletionPolicy is Orphan: deleting it would leave the RDS instance running; on an experiment stack, pulumi destroy must remove it',
      'Instance/loadgen: spec.forProvider.disableApiTermination is true; on an experiment stack, pulumi destroy must remove it (set it to false)',
      'FlexibleServer/pg: annotation serviceoperator.azure.com/reconcile-policy is detach-on-delete: deleting it would leave the Azure PostgreSQL server running; on an experiment stack, pulumi destroy must remove it',
    ],
  },
  {
    rule: 'cloud-ephemeral',
    stack: 'shared-db',
    pass: 'persistent-pass.yaml',
    fail: 'persistent-fail.yaml',
    expected: [
      'Instance/pg: spec.forProvider.deletionProtection is not true; this stack is not an experiment (its config does not set perflab:experiment), so the RDS instance must survive a mistaken destroy',
      'Instance/pg: spec.forProvider.skipFinalSnapshot is true; this stack is not an experiment (its config does not set perflab:experiment), so the RDS instance must survive a mistaken destroy',
    ],
  },
  {
    rule: 'load-run-thresholds',
    expected: [
      'Job/k6-run: the script in ConfigMap "k6-run-script" key "script.js" sets no options.thresholds, so the run passes however slow or failing the variant is',
      'TestRun/k6-dist: the script in ConfigMap "k6-dist-script" key "script.js" has only thresholds that always hold (such as max>=0); set latency or error-rate thresholds in the load profile',
      'Job/k6-lost: its script\'s ConfigMap "k6-lost-script" (volume "script") is not among the stack\'s objects, so its thresholds cannot be checked',
      'Job/k6-dyn: the script in ConfigMap "k6-dyn-script" key "script.js" builds options.thresholds at run time, so they cannot be checked; write them as an object literal',
    ],
  },
  {
    rule: 'load-run-placement',
    expected: [
      'Job/k6-run: spec.template.spec has no pod anti-affinity against the system under test and no nodeSelector: load and SUT may share a node and compete for its CPU',
      'TestRun/k6-dist: spec.runner pod anti-affinity selects none of the systems under test (Deployment/runtime-go): load and SUT may share a node',
    ],
  },
  {
    rule: 'stateful-pdb',
    expected: [
      'StatefulSet/nats: no PodDisruptionBudget in its namespace selects its pods (app.kubernetes.io/name=nats): a node drain during a run could evict it mid-measurement',
      'Cluster/pg: spec.enablePDB is false and no PodDisruptionBudget in its namespace selects its pods (cnpg.io/cluster=pg): a node drain during a run could evict it mid-measurement',
      'RabbitmqCluster/rabbit: no PodDisruptionBudget in its namespace selects its pods (app.kubernetes.io/name=rabbit): a node drain during a run could evict it mid-measurement',
    ],
  },
  {
    rule: 'cost-budget',
    stack: 'tidy',
    // 80 cores × $0.031611 + 320 GiB × $0.004237 = $3.88472 per hour at opencost-default pricing
    expected: ['Stack/tidy: estimated cost $3.88/h (opencost-default pricing) exceeds the budget of $2.00/h'],
  },
  {
    rule: 'no-plaintext-secret-config',
    stack: 'leaky',
    pass: 'objects.yaml',
    fail: 'objects.yaml',
    expected: [
      'Stack/leaky: config perflab:dbPassword is stored in plain text in Pulumi.leaky.yaml; set it with pulumi config set --secret',
      'Stack/leaky: config perflab:cloud.accessKey is stored in plain text in Pulumi.leaky.yaml; set it with pulumi config set --secret',
    ],
  },
];

/** The stack a passing fixture is checked on (the tidy twin of a leaky stack). */
const passStack = (c: Case): string | undefined => (c.rule === 'no-plaintext-secret-config' ? 'tidy' : c.stack);

const titled = CASES.map((c) => [c.stack ? `${c.rule} on stack ${c.stack}` : c.rule, c] as const);

describe.each(titled)('%s', (_title, c) => {
  const passFile = fixture(c.rule, c.pass ?? 'pass.yaml');
  const failFile = fixture(c.rule, c.fail ?? 'fail.yaml');

  it('passes its passing fixture, in the pack and in perflab check', async () => {
    const stack = passStack(c);
    expect(await viaPackOnFile(c.rule, passFile, { stack })).toEqual([]);
    expect(viaCheck(c.rule, passFile, { stack })).toEqual([]);
  });

  it('reports exactly the expected messages on its failing fixture, the same in both', async () => {
    expect(await viaPackOnFile(c.rule, failFile, { stack: c.stack })).toEqual(c.expected);
    expect(viaCheck(c.rule, failFile, { stack: c.stack })).toEqual(c.expected);
  });
});

it('covers every rule of the pack with a fixture pair', () => {
  expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(ALL_RULES.map((r) => r.id)));
});
