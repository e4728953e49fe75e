/**
 * The full-stack chart offline: every fullstack-* stack synthesizes manifests that validate
 * against the Kubernetes and CRD schemas (Gateway API, CloudNativePG, Linkerd, RabbitMQ), each
 * object labelled with its layer; the presets change what they say they change; a preset
 * whose layer is off is refused.
 */
import { fromNamespacedConfig, parseExperimentConfig } from '../src/config/spec';
import { listStacks, readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { clusterStack } from '../experiments/cluster-programs';
import { formatProblem, validateManifests } from '../src/cluster/validate-manifests';
import { buildFullStackChart, synthesizeFullStackChart } from '../experiments/full-stack/cluster/chart';
import { LAYER_LABEL } from '../experiments/full-stack/layers';
import { ConfigError } from '../src/config/errors';

type Obj = Record<string, any>;
const STACKS = listStacks().filter((s) => s.startsWith('fullstack-'));
const objectsOf = (stack: string, extra: Record<string, string> = {}): Obj[] => {
  const { spec, program } = clusterStack(stack, { ...readStackConfig(stackFilePath(stack)), ...extra });
  return program.synthesize(spec) as Obj[];
};
const find = (objs: Obj[], kind: string, name?: string): Obj => objs.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name))!;

describe.each(STACKS)('stack %s', (stack) => {
  it('synthesizes manifests that validate offline, each labelled with its layer', () => {
    const objs = objectsOf(stack);
    expect(validateManifests(objs).problems.map(formatProblem)).toEqual([]);
    expect(objs.every((o) => typeof o.metadata.labels[LAYER_LABEL] === 'string')).toBe(true);
  });
});

describe('the gateway', () => {
  it('routes every path of its Gateway to the app', () => {
    const objs = objectsOf('fullstack-gateway');
    expect(find(objs, 'Gateway').spec).toEqual({ gatewayClassName: 'traefik-perflab-fullstack-gateway', listeners: [{ name: 'web', protocol: 'HTTP', port: 8000, allowedRoutes: { namespaces: { from: 'Same' } } }] });
    expect(find(objs, 'HTTPRoute').spec.rules[0].backendRefs).toEqual([{ name: 'app', port: 8080 }]);
  });
});

describe('mesh enrolment', () => {
  it('meshes the app and lets unauthenticated k6 reach only the gateway (Linkerd)', () => {
    const objs = objectsOf('fullstack-gateway-mesh');
    expect(find(objs, 'Deployment', 'app').spec.template.metadata.labels['perflab.dev/meshed']).toBe('true');
    expect(find(objs, 'Server').spec).toMatchObject({ podSelector: { matchLabels: { [LAYER_LABEL]: 'gateway' } }, port: 'web' });
    expect(find(objs, 'Job').spec.template.metadata.annotations).toEqual({ 'linkerd.io/inject': 'disabled' });
    // CNPG's bootstrap Jobs cannot finish with a sidecar: the database pods stay out of the mesh.
    expect(find(objs, 'Cluster').spec.inheritedMetadata.annotations).toEqual({ 'linkerd.io/inject': 'disabled' });
  });

  it('mesh-off-internal makes the app\'s proxy skip the backing services\' ports', () => {
    const objs = objectsOf('fullstack-mesh-off-internal');
    expect(find(objs, 'Deployment', 'app').spec.template.metadata.annotations).toEqual({ 'config.linkerd.io/skip-outbound-ports': '5432,4222' });
    const istio = objectsOf('fullstack-mesh-off-internal', { 'perflab:mesh': 'istio', 'perflab:cache': 'redis' });
    expect(find(istio, 'Deployment', 'app').spec.template.metadata.annotations).toEqual({ 'traffic.sidecar.istio.io/excludeOutboundPorts': '5432,4222,6379' });
    expect(find(istio, 'Deployment', 'redis').spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
  });

  it('refuses mesh-off-internal on Cilium, whose encryption has no per-port bypass', () => {
    expect(() => objectsOf('fullstack-mesh-off-internal', { 'perflab:mesh': 'cilium' })).toThrow(/Cilium encrypts every node-to-node packet/);
  });
});

describe('presets', () => {
  const env = (objs: Obj[]): Record<string, string> => Object.fromEntries(find(objs, 'Deployment', 'app').spec.template.spec.containers[0].env.filter((e: Obj) => e.value !== undefined).map((e: Obj) => [e.name, e.value]));

  it('indexed-queries turns the index on and nothing else', () => {
    const a = objectsOf('fullstack-all');
    const b = objectsOf('fullstack-indexed-queries');
    expect(env(a).DB_INDEXED).toBe('false');
    expect(env(b)).toEqual({ ...env(a), DB_INDEXED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.perflab-fullstack-indexed-queries.svc:4318', DATABASE_URL: env(a).DATABASE_URL.replace('fullstack-all', 'fullstack-indexed-queries'), NATS_URL: env(a).NATS_URL.replace('fullstack-all', 'fullstack-indexed-queries') });
  });

  it('a preset whose layer is off is a config error naming the key', () => {
    const spec = parseExperimentConfig(fromNamespacedConfig({ ...readStackConfig(stackFilePath('fullstack-app-only')), 'perflab:preset': 'mesh-off-internal' }));
    expect(() => synthesizeFullStackChart(spec, 'full-stack-composed-00000000')).toThrow(ConfigError);
    expect(() => synthesizeFullStackChart(spec, 'full-stack-composed-00000000')).toThrow('perflab:preset: "mesh-off-internal" (app → database / broker / cache traffic bypasses the mesh) needs perflab:mesh to be on; it is "none"');
  });

  it('the cache layer sends the app to Redis with the configured hit ratio', () => {
    const objs = objectsOf('fullstack-cached');
    expect(env(objs)).toMatchObject({ REDIS_ADDR: 'redis:6379', CACHE_HIT_RATIO: '0.8' });
    expect(find(objs, 'Deployment', 'redis').spec.template.spec.containers[0].image).toMatch(/^redis:\d+\.\d+\.\d+-alpine$/);
  });

  it('RabbitMQ instead of NATS: the messaging experiment\'s RabbitmqCluster and its credentials from the operator\'s Secret', () => {
    const chart = buildFullStackChart(clusterStack('fullstack-all', { ...readStackConfig(stackFilePath('fullstack-all')), 'perflab:messaging': 'rabbitmq' }).spec.spec, 'full-stack-composed-00000000');
    const objs = chart.toJson() as Obj[];
    expect(find(objs, 'RabbitmqCluster').metadata.labels[LAYER_LABEL]).toBe('messaging');
    const app = find(objs, 'Deployment', 'app').spec.template.spec.containers[0].env as Obj[];
    expect(app.find((e) => e.name === 'AMQP_PASSWORD')).toEqual({ name: 'AMQP_PASSWORD', valueFrom: { secretKeyRef: { name: 'mq-default-user', key: 'password' } } });
    expect(validateManifests(objs).problems.map(formatProblem)).toEqual([]);
  });
});
