/**
 * The manifests perflab makes instead of per-run Helm charts when `perflab-cluster:operators` is
 * `preinstalled` (NATS servers, the OpenTelemetry Collector, Traefik): they validate against the
 * Kubernetes and CRD schemas, pass every mandatory policy rule, and carry what the charts were
 * given — names, ports, pod labels the readers select, mesh enrolment, the Stream's servers.
 */
import { parseClusterConfig } from '../src/cluster/cluster-config';
import { StackSpec, stackSpec } from '../src/cluster/stack-spec';
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { formatProblem, validateManifests } from '../src/cluster/validate-manifests';
import { clusterStack } from '../experiments/cluster-programs';
import { checkManifests } from '../src/policy/check';
import { Manifest } from '../src/policy/types';
import { ALL_RULES } from '../policies/rules';
import { natsConfig } from '../constructs/nats-servers';

type Obj = Record<string, any>;
const PRE = { 'perflab-cluster:operators': 'preinstalled' };

function synth(stack: string, overrides: Record<string, string> = {}): { spec: StackSpec; objects: Obj[] } {
  const config = { ...readStackConfig(stackFilePath(stack)), ...overrides, ...PRE };
  const { spec, program } = clusterStack(stack, config);
  return { spec, objects: program.synthesize(spec) as Obj[] };
}
const find = (objs: Obj[], kind: string, name: string): Obj => {
  const found = objs.filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};
const MANDATORY = new Set(ALL_RULES.filter((r) => r.level === 'mandatory').map((r) => r.id));

describe.each(['mq-nats', 'fullstack-all', 'fullstack-tuned-gateway-pools', 'fullstack-app-only'])('%s with preinstalled operators: chart-free manifests', (stack) => {
  const { spec, objects } = synth(stack);

  it('validate against the Kubernetes and CRD schemas', () => {
    expect(validateManifests(objects).problems.map(formatProblem)).toEqual([]);
  });

  it('pass every mandatory policy rule', () => {
    const config = { ...readStackConfig(stackFilePath(stack)), ...PRE };
    const report = checkManifests(objects as Manifest[], { stack: { name: stack, config } });
    expect(report.findings.filter((f) => MANDATORY.has(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('include NATS servers where the chart would put them, selected by the chart\'s labels', () => {
    const sts = find(objects, 'StatefulSet', 'nats');
    const pod = sts.spec.template.metadata.labels;
    expect(pod).toMatchObject({ 'app.kubernetes.io/name': 'nats', 'app.kubernetes.io/instance': 'nats', 'app.kubernetes.io/component': 'nats', 'perflab.dev/run': spec.runId });
    expect(find(objects, 'Service', 'nats').spec.ports).toEqual([{ name: 'nats', port: 4222, targetPort: 'nats', protocol: 'TCP' }]);
    expect(find(objects, 'PodDisruptionBudget', 'nats').spec.selector.matchLabels).toEqual(sts.spec.selector.matchLabels);
    expect(find(objects, 'ConfigMap', 'nats-config').data['nats.conf']).toMatch(/jetstream \{/);
  });
});

describe('messaging nats with preinstalled operators', () => {
  const { spec, objects } = synth('mq-nats');

  it('sizes the servers from the stack (brokers, persistence) and routes them into one cluster', () => {
    const s = spec.spec.settings as Record<string, any>;
    const sts = find(objects, 'StatefulSet', 'nats');
    expect(sts.spec.replicas).toBe(s.brokers);
    expect(sts.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: s.brokerCpu, memory: s.brokerMemory }, limits: { cpu: s.brokerCpu, memory: s.brokerMemory } });
    expect(Boolean(sts.spec.volumeClaimTemplates)).toBe(s.persistence);
    const conf: string = find(objects, 'ConfigMap', 'nats-config').data['nats.conf'];
    if (s.brokers > 1) expect(conf).toContain('routes: [nats://nats-0.nats-headless:6222');
  });

  it('tells the cluster-wide NACK where the run\'s servers are', () => {
    const stream = objects.find((o) => o.kind === 'Stream')!;
    expect(stream.spec.servers).toEqual([`nats://nats.${spec.spec.namespace}.svc:4222`]);
  });

  it('with helm, the chart makes the servers and the Stream names none', () => {
    const config = readStackConfig(stackFilePath('mq-nats'));
    const helm = clusterStack('mq-nats', config);
    const objs = helm.program.synthesize(helm.spec) as Obj[];
    expect(objs.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    expect(objs.find((o) => o.kind === 'Stream')!.spec.servers).toBeUndefined();
  });
});

describe('natsConfig', () => {
  it('one server: JetStream with the limits in bytes, no cluster block', () => {
    expect(natsConfig('nats', 1, '1Gi', 2 * 1024 ** 3)).toBe(
      'port: 4222\nhttp_port: 8222\nserver_name: $SERVER_NAME\nlame_duck_duration: 30s\njetstream {\n  max_memory_store: 1073741824\n  store_dir: "/data"\n  max_file_store: 2147483648\n}\n',
    );
  });

  it('three servers: routes to each pod through the headless Service', () => {
    expect(natsConfig('nats', 3, '1Gi', 0)).toContain('cluster {\n  name: nats\n  port: 6222\n  no_advertise: true\n  routes: [nats://nats-0.nats-headless:6222, nats://nats-1.nats-headless:6222, nats://nats-2.nats-headless:6222]\n}');
  });
});

describe('full-stack with preinstalled operators', () => {
  const { spec, objects } = synth('fullstack-all');
  const ns = spec.spec.namespace;

  it('runs Traefik for the run\'s own GatewayClass, watching only its namespace, with tracing to the Collector', () => {
    const args: string[] = find(objects, 'Deployment', 'traefik').spec.template.spec.containers[0].args;
    expect(args).toEqual(expect.arrayContaining(['--providers.kubernetesgateway=true', `--providers.kubernetesgateway.namespaces=${ns}`, '--entryPoints.web.address=:8000/tcp', '--tracing.otlp.http=true', `--tracing.otlp.http.endpoint=http://otel-collector.${ns}.svc:4318/v1/traces`]));
    const gwClass = find(objects, 'GatewayClass', `traefik-${ns}`);
    expect(gwClass.spec.controllerName).toBe('traefik.io/gateway-controller');
    expect(find(objects, 'Gateway', 'gateway').spec.gatewayClassName).toBe(gwClass.metadata.name);
    expect(find(objects, 'Service', 'traefik').spec.ports[0]).toMatchObject({ port: 80, targetPort: 'web' });
    for (const kind of ['GatewayClass', 'ClusterRole', 'ClusterRoleBinding']) expect(objects.find((o) => o.kind === kind)!.metadata.namespace).toBeUndefined();
    expect(find(objects, 'ClusterRoleBinding', `traefik-${ns}`).subjects).toEqual([{ kind: 'ServiceAccount', name: 'traefik', namespace: ns }]);
  });

  it('labels each chart-free layer\'s pods as the results reader selects them, and enrols them in the mesh like the charts', () => {
    const podLabels = (kind: string, name: string): Record<string, string> => find(objects, kind, name).spec.template.metadata.labels;
    expect(podLabels('Deployment', 'traefik')).toMatchObject({ 'perflab.dev/layer': 'gateway', 'perflab.dev/run': spec.runId });
    expect(podLabels('Deployment', 'otel-collector')).toMatchObject({ 'perflab.dev/layer': 'observability', 'perflab.dev/run': spec.runId });
    expect(podLabels('StatefulSet', 'nats')).toMatchObject({ 'perflab.dev/layer': 'messaging' });
    // Linkerd: NATS speaks first, so its port is opaque, as the chart's values say.
    expect(find(objects, 'StatefulSet', 'nats').spec.template.metadata.annotations).toEqual({ 'config.linkerd.io/opaque-ports': '4222' });
    const collector: string = find(objects, 'ConfigMap', 'otel-collector').data['config.yaml'];
    expect(collector).toMatch(/file\/traces:\n\s+path: \/dev\/stdout\n\s+format: json/);
  });

  it('the tuned preset passes its transport flags to Traefik', () => {
    const tuned = synth('fullstack-tuned-gateway-pools').objects;
    const args: string[] = find(tuned, 'Deployment', 'traefik').spec.template.spec.containers[0].args;
    expect(args).toEqual(expect.arrayContaining([expect.stringMatching(/^--serverstransport\.maxidleconnsperhost=\d+$/), '--experimental.fastProxy=true']));
  });

  it('with helm, none of it is in the manifests (the charts make it)', () => {
    const helm = clusterStack('fullstack-all', { ...readStackConfig(stackFilePath('fullstack-all')) });
    const objs = helm.program.synthesize(helm.spec) as Obj[];
    expect(objs.filter((o) => ['StatefulSet', 'GatewayClass', 'ClusterRole'].includes(o.kind) || o.metadata.name === 'otel-collector')).toEqual([]);
    expect(parseClusterConfig(readStackConfig(stackFilePath('fullstack-all'))).operators).toBe('helm');
    expect(stackSpec('fullstack-all', { ...readStackConfig(stackFilePath('fullstack-all')), ...PRE }).options.operators).toBe('preinstalled');
  });
});
