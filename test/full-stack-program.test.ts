/**
 * The Pulumi program (index.ts) under mocks for every fullstack-* stack: each registers exactly
 * the layers its config turns on (every resource is classified by its `perflab.dev/layer`
 * label or by the layer in its name), the Helm releases are pinned, the results resource
 * measures each layer's component and reads the traces only with observability on — and
 * toggling one key adds or removes only that layer's resources (the registered sets diffed).
 */
import { cpuCores, memoryBytes } from '../src/config/quantities';
import { listStacks, readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { OTEL_COLLECTOR_CHART_VERSION, TRAEFIK_CHART_VERSION } from '../src/versions';
import { LAYER_LABEL } from '../experiments/full-stack/layers';
import { FAKE_FIGURES, ProgramRun, Registered, runProgram } from './helpers/pulumi-program';

process.setMaxListeners(100);

const STACKS = listStacks().filter((s) => s.startsWith('fullstack-'));
const PREFIX = 'full-stack-composed';
const RESULTS = 'pulumi-nodejs:dynamic/perflab:FullStackRunResults';
const LAYER_IN_NAME = new RegExp(`^${PREFIX}-(app|load|gateway|mesh|database|messaging|cache|observability)(-|$)`);

/** The layer a registered resource belongs to; `core` for the namespace, results, component and providers. */
function layerOf(r: Registered): string {
  const label = r.inputs?.metadata?.labels?.[LAYER_LABEL];
  if (typeof label === 'string') return label;
  return LAYER_IN_NAME.exec(r.name)?.[1] ?? 'core';
}

/** `type|name` of every resource, with the run id (a hash of the whole config) taken out. */
const keyOf = (r: Registered): string => `${r.type}|${r.name.replace(new RegExp(`${PREFIX}-[0-9a-f]{8}`, 'g'), '<run>')}`;

function layers(run: ProgramRun): Set<string> {
  return new Set(run.resources.map(layerOf).filter((l) => l !== 'core'));
}

function expectedLayers(config: Record<string, string>): string[] {
  return ['app', 'load', ...['gateway', 'mesh', 'database', 'messaging', 'cache', 'observability'].filter((k) => (config[`perflab:${k}`] ?? defaults[k]) !== 'none')].sort();
}

const defaults: Record<string, string> = { gateway: 'none', mesh: 'none', database: 'postgres', messaging: 'nats', cache: 'none', observability: 'none' };

it('ships the baseline series and the preset stacks', () => {
  expect(STACKS).toEqual(expect.arrayContaining(['fullstack-app-only', 'fullstack-gateway', 'fullstack-gateway-mesh', 'fullstack-all', 'fullstack-mesh-off-internal', 'fullstack-tuned-gateway-pools', 'fullstack-indexed-queries']));
});

it('the baseline series differs by config alone, one layer key per step', () => {
  const series = ['fullstack-app-only', 'fullstack-gateway', 'fullstack-gateway-mesh', 'fullstack-all'].map((s) => readStackConfig(stackFilePath(s)));
  for (let i = 1; i < series.length; i++) {
    const changed = Object.keys({ ...series[i], ...series[i - 1] }).filter((k) => JSON.stringify(series[i][k]) !== JSON.stringify(series[i - 1][k]) && k !== 'perflab:namespace');
    expect(changed).toEqual([['perflab:gateway'], ['perflab:mesh'], ['perflab:observability']][i - 1]);
  }
});

describe.each(STACKS)('pulumi up --stack %s (under mocks)', (stack) => {
  const config = readStackConfig(stackFilePath(stack));
  let run: ProgramRun;

  beforeAll(async () => {
    run = await runProgram(config, stack);
  });

  it('registers exactly the layers its config turns on', () => {
    expect([...layers(run)].sort()).toEqual(expectedLayers(config));
    expect(run.providerLoaded).toBe(false);
  });

  it('installs its Helm releases pinned, one layer each', () => {
    const releases = run.resources.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release');
    for (const r of releases) expect(r.inputs.version).toMatch(/^v?\d+\.\d+\.\d+$/);
    const byName = Object.fromEntries(releases.map((r) => [r.inputs.name, r]));
    if (config['perflab:gateway'] === 'traefik') {
      expect(byName.traefik.inputs).toMatchObject({ chart: 'traefik', version: TRAEFIK_CHART_VERSION, namespace: config['perflab:namespace'] });
      expect(byName.traefik.inputs.values.providers.kubernetesGateway).toEqual({ enabled: true, namespaces: [config['perflab:namespace']] });
    } else expect(byName.traefik).toBeUndefined();
    if (config['perflab:observability'] === 'otel') {
      expect(byName['otel-collector'].inputs).toMatchObject({ chart: 'opentelemetry-collector', version: OTEL_COLLECTOR_CHART_VERSION });
      expect(byName['otel-collector'].inputs.values.config.exporters['file/traces']).toEqual({ path: '/dev/stdout', format: 'json' });
    } else expect(byName['otel-collector']).toBeUndefined();
    expect(Boolean(byName.cnpg)).toBe(config['perflab:database'] === 'postgres');
    expect(Boolean(byName.nats)).toBe(config['perflab:messaging'] === 'nats');
    // NATS speaks first: under Linkerd its port is opaque (or it leaves the mesh with mesh-off-internal).
    const natsPods = byName.nats?.inputs.values.podTemplate.merge.metadata.annotations;
    if (config['perflab:mesh'] === 'linkerd') expect(natsPods).toEqual(config['perflab:preset'] === 'mesh-off-internal' ? { 'linkerd.io/inject': 'disabled' } : { 'config.linkerd.io/opaque-ports': '4222' });
  });

  it('reads the run with one results resource measuring every layer component', () => {
    const results = run.resources.filter((r) => r.type === RESULTS);
    expect(results).toHaveLength(1);
    const req = results[0].inputs;
    expect(req).toMatchObject({ experiment: 'full-stack', variant: 'composed', target: 'k3s', label: stack, namespace: config['perflab:namespace'] });
    expect(req.sut.component).toBe('server');
    const components = req.components.map((c: { component: string }) => c.component);
    expect(components.includes('gateway')).toBe(config['perflab:gateway'] === 'traefik');
    expect(components.includes('postgres')).toBe(config['perflab:database'] === 'postgres');
    expect(components.includes('redis')).toBe(config['perflab:cache'] === 'redis');
    expect(components.includes('otel-collector')).toBe(config['perflab:observability'] === 'otel');
    expect(components.includes('proxy')).toBe(config['perflab:mesh'] === 'linkerd');
    expect(Boolean(req.traces)).toBe(config['perflab:observability'] === 'otel');
    // Requests for right-sizing: the app always, the chart's own layers (postgres as a CNPG Cluster, redis); Helm-installed layers have none.
    expect(req.requests.server.requested).toEqual({ cpuCores: cpuCores(String(config['perflab:cpu'] ?? '500m')), memoryBytes: memoryBytes(String(config['perflab:memory'] ?? '256Mi')) });
    expect(Object.keys(req.requests).every((c) => c === 'server' || components.includes(c))).toBe(true);
    expect('postgres' in req.requests).toBe(config['perflab:database'] === 'postgres');
    expect('redis' in req.requests).toBe(config['perflab:cache'] === 'redis');
    const { rps, ...rest } = FAKE_FIGURES;
    expect(run.outputs).toMatchObject({ ...rest, throughput: rps, namespace: config['perflab:namespace'] });
  });

  it('sends the load through the entry of the composition: the gateway when there is one', () => {
    const app = run.resources.find((r) => r.type === 'kubernetes:apps/v1:Deployment' && r.inputs.metadata.name === 'app');
    const env = Object.fromEntries(app!.inputs.spec.template.spec.containers[0].env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? e.valueFrom]));
    expect(Boolean(env.DATABASE_URL)).toBe(config['perflab:database'] === 'postgres');
    expect(env.PGPASSWORD ?? undefined).toEqual(config['perflab:database'] === 'postgres' ? { secretKeyRef: { name: 'db-app', key: 'password' } } : undefined);
    // CloudNativePG generates `db-app`: perflab makes no password and no Secret.
    expect(run.resources.filter((r) => r.type === 'random:index/randomPassword:RandomPassword' || r.type === 'kubernetes:core/v1:Secret')).toEqual([]);
    expect(Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT)).toBe(config['perflab:observability'] === 'otel');
    expect(env.DB_INDEXED).toBe(String(config['perflab:preset'] === 'indexed-queries'));
    const script = run.resources.find((r) => r.type === 'kubernetes:core/v1:ConfigMap' && /^k6-/.test(r.inputs.metadata.name))!.inputs.data['script.js'] as string;
    expect(script).toContain(config['perflab:gateway'] === 'traefik' ? `http://traefik.${config['perflab:namespace']}.svc:80` : `http://app.${config['perflab:namespace']}.svc:8080`);
  });
});

describe('toggling one layer key adds or removes only that layer', () => {
  const base = readStackConfig(stackFilePath('fullstack-app-only'));
  let baseRun: ProgramRun;

  beforeAll(async () => {
    baseRun = await runProgram(base, 'fullstack-app-only');
  });

  it.each([
    ['gateway', 'traefik'],
    ['mesh', 'linkerd'],
    ['mesh', 'istio'],
    ['observability', 'otel'],
    ['cache', 'redis'],
    ['database', 'none'],
    ['messaging', 'none'],
  ])('perflab:%s → %s', async (key, value) => {
    const toggled = await runProgram({ ...base, [`perflab:${key}`]: value }, 'fullstack-app-only');
    const before = new Map(baseRun.resources.map((r) => [keyOf(r), r]));
    const after = new Map(toggled.resources.map((r) => [keyOf(r), r]));
    const added = [...after.keys()].filter((k) => !before.has(k)).map((k) => after.get(k)!);
    const removed = [...before.keys()].filter((k) => !after.has(k)).map((k) => before.get(k)!);
    const changed = [...added, ...removed];
    expect(changed.length).toBeGreaterThan(0);
    expect([...new Set(changed.map(layerOf))]).toEqual([key]);
    expect(value === 'none' ? added : removed).toEqual([]);
  });
});

it('refuses a preset whose layer is off, naming the key', async () => {
  const config = { ...readStackConfig(stackFilePath('fullstack-app-only')), 'perflab:preset': 'tuned-gateway-pools' };
  await expect(runProgram(config, 'fullstack-app-only')).rejects.toThrow(/perflab:preset: "tuned-gateway-pools" .* needs perflab:gateway to be on/);
});
