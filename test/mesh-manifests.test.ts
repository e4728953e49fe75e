/**
 * The mesh experiment's manifests, offline: the 100-service chart of every mesh stack synthesizes
 * and validates against the Kubernetes schemas and the Istio, Linkerd and Cilium CRD schemas;
 * every variant deploys the same workload (mesh-istio and mesh-baseline differ only in enrolment
 * labels and annotations); the graph is wired as configured; the steps and the config are checked.
 */
import { runtimeVariants } from '../experiments/runtime/variants';
import { K6_NAME } from '../constructs/k6-run';
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { StackSpec, stackSpec } from '../src/cluster/stack-spec';
import { formatProblem, validateManifests } from '../src/cluster/validate-manifests';
import { ConfigError } from '../src/config/errors';
import { MESH_VARIANTS, meshProfiles } from '../experiments/mesh/meshes';
import { MeshProfileError, meshSteps } from '../experiments/mesh/steps';
import { hopsPerRequest, serviceGraph } from '../experiments/mesh/topology';
import { synthesizeMeshChart } from '../experiments/mesh/workload-chart';

type Obj = Record<string, any>;
const STACKS = MESH_VARIANTS.map((v) => `mesh-${v}`);

function spec(stack: string, extra: Record<string, string> = {}): StackSpec {
  return stackSpec(stack, { ...readStackConfig(stackFilePath(stack)), ...extra });
}
function objects(stack: string, extra: Record<string, string> = {}): Obj[] {
  const s = spec(stack, extra);
  return synthesizeMeshChart(s.spec, s.runId, s.options) as Obj[];
}
const count = (objs: Obj[], kind: string): number => objs.filter((o) => o.kind === kind).length;

describe.each(STACKS)('stack %s with 100 services', (stack) => {
  const objs = objects(stack, { 'perflab:services': '100' });

  it('synthesizes 100 services, its mTLS objects and one k6 run per step, all valid offline', () => {
    expect(count(objs, 'Deployment')).toBe(100);
    expect(count(objs, 'Service')).toBe(100);
    expect(count(objs, 'Job')).toBe(4);
    expect(count(objs, 'ConfigMap')).toBe(4);
    const report = validateManifests(objs);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.checked).toBe(objs.length);
  });

  it('also validates with the k6-operator (TestRun) and a fan-out', () => {
    const more = objects(stack, { 'perflab:services': '100', 'perflab:topology': 'fanout', 'perflab-cluster:k6Mode': 'testrun', 'perflab-cluster:parallelism': '2' });
    expect(count(more, 'TestRun')).toBe(4);
    expect(validateManifests(more).problems.map(formatProblem)).toEqual([]);
  });
});

it('turns mTLS on with the objects each mesh validates against its CRD schema', () => {
  const kinds = (stack: string) => objects(stack).filter((o) => !['Deployment', 'Service', 'ConfigMap', 'Job'].includes(o.kind)).map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`);
  expect(kinds('mesh-baseline')).toEqual([]);
  for (const stack of ['mesh-istio', 'mesh-istio-ambient']) {
    expect(kinds(stack)).toEqual(['security.istio.io/v1 PeerAuthentication default', 'security.istio.io/v1 PeerAuthentication entry-permissive']);
    const [strict, entry] = objects(stack).filter((o) => o.kind === 'PeerAuthentication');
    expect(strict.spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(entry.spec.selector.matchLabels['app.kubernetes.io/instance']).toBe('svc-1');
    expect(entry.spec.mtls.mode).toBe('PERMISSIVE');
  }
  expect(kinds('mesh-linkerd')).toEqual([
    'policy.linkerd.io/v1beta3 Server entry-http',
    'policy.linkerd.io/v1alpha1 NetworkAuthentication any-network',
    'policy.linkerd.io/v1alpha1 AuthorizationPolicy entry-from-anywhere',
  ]);
  const cnp = objects('mesh-cilium').find((o) => o.kind === 'CiliumNetworkPolicy')!;
  expect(cnp.spec.ingress[0].authentication).toEqual({ mode: 'required' });
  expect(meshProfiles.linkerd.namespaceAnnotations['config.linkerd.io/default-inbound-policy']).toBe('all-authenticated');
});

describe('one workload for every mesh', () => {
  /** The objects with this stack's identity (run id, namespace, variant, instance) replaced by placeholders. */
  function normalized(stack: string): Obj[] {
    const s = spec(stack, { 'perflab:services': '100' });
    const variant = s.spec.variant;
    const walk = (v: unknown, key?: string): unknown => {
      if (typeof v === 'string') {
        if (key === 'perflab.dev/variant' && v === variant) return '<variant>';
        return v
          .split(s.runId)
          .join('<run>')
          .split(s.spec.namespace)
          .join('<namespace>')
          .split(`mesh-${variant}`)
          .join('<instance>')
          .replace(/"variant": "[^"]+"/g, '"variant": "<variant>"');
      }
      if (Array.isArray(v)) return v.map((x) => walk(x));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
      return v;
    };
    return synthesizeMeshChart(s.spec, s.runId, s.options).map((o) => walk(o) as Obj);
  }
  /** Paths at which two JSON values differ. */
  function diff(a: unknown, b: unknown, path = ''): string[] {
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a as Obj), ...Object.keys(b as Obj)]);
      return [...keys].flatMap((k) => diff((a as Obj)[k], (b as Obj)[k], `${path}/${k}`));
    }
    return a === b ? [] : [path];
  }

  it.each(['istio', 'istio-ambient', 'linkerd', 'cilium'])('mesh-%s differs from mesh-baseline only in enrolment labels/annotations (and its mTLS objects)', (mesh) => {
    const base = normalized('mesh-baseline');
    const other = normalized(`mesh-${mesh}`);
    const policyKinds = ['PeerAuthentication', 'Server', 'NetworkAuthentication', 'AuthorizationPolicy', 'CiliumNetworkPolicy'];
    const workload = other.filter((o) => !policyKinds.includes(o.kind));
    expect(workload.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(base.map((o) => `${o.kind}/${o.metadata.name}`));
    const profile = meshProfiles[mesh as keyof typeof meshProfiles];
    const enrolment = [
      ...Object.keys(profile.loadPodLabels).map((k) => `/spec/template/metadata/labels/${k}`),
      ...Object.keys(profile.loadPodAnnotations).flatMap((k) => ['/spec/template/metadata/annotations', `/spec/template/metadata/annotations/${k}`]),
    ];
    const differences = workload.flatMap((o, i) => diff(base[i], o).map((p) => `${o.kind}/${o.metadata.name}${p}`));
    expect(differences.filter((d) => !(d.startsWith('Job/') && enrolment.some((e) => d.endsWith(e))))).toEqual([]);
    if (enrolment.length) expect(differences.length).toBeGreaterThan(0);
    // The services themselves (Deployments and Services) are identical.
    expect(differences.filter((d) => !d.startsWith('Job/'))).toEqual([]);
  });

  it('keeps k6 out of the mesh so it plays the outside client', () => {
    const job = (stack: string) => objects(stack).find((o) => o.kind === 'Job')!.spec.template.metadata;
    expect(job('mesh-istio').labels['sidecar.istio.io/inject']).toBe('false');
    expect(job('mesh-istio-ambient').labels['istio.io/dataplane-mode']).toBe('none');
    expect(job('mesh-linkerd').annotations).toEqual({ 'linkerd.io/inject': 'disabled' });
    expect(job('mesh-baseline').annotations).toBeUndefined();
    expect(job('mesh-baseline').labels['app.kubernetes.io/name']).toBe(K6_NAME);
  });
});

describe('the service graph', () => {
  const env = (o: Obj): Record<string, string> => Object.fromEntries(o.spec.template.spec.containers[0].env.map((e: Obj) => [e.name, e.value]));

  it('chains svc-1 → svc-2 → … → svc-N, each telling its Go app where to forward', () => {
    const ds = objects('mesh-baseline').filter((o) => o.kind === 'Deployment');
    expect(ds.map((d) => d.metadata.name)).toEqual(Array.from({ length: 10 }, (_, i) => `svc-${i + 1}`));
    expect(env(ds[0])).toMatchObject({ SERVICE_NAME: 'svc-1', UPSTREAMS: 'http://svc-2:8080/forward', PORT: '8080' });
    expect(env(ds[9]).UPSTREAMS).toBeUndefined();
    expect(ds[0].spec.template.spec.containers[0].image).toBe(runtimeVariants.go.image);
    const selectors = new Set(ds.map((d) => JSON.stringify(d.spec.selector.matchLabels)));
    expect(selectors.size).toBe(10);
  });

  it('fans out from svc-1 to every other service', () => {
    const ds = objects('mesh-baseline', { 'perflab:topology': 'fanout', 'perflab:services': '50' }).filter((o) => o.kind === 'Deployment');
    expect(env(ds[0]).UPSTREAMS.split(',')).toHaveLength(49);
    expect(env(ds[1]).UPSTREAMS).toBeUndefined();
    expect(hopsPerRequest(serviceGraph(50, 'fanout'))).toBe(49);
    expect(hopsPerRequest(serviceGraph(100, 'chain'))).toBe(99);
  });

  it('points every k6 run at the entry service', () => {
    const cm = objects('mesh-istio').find((o) => o.kind === 'ConfigMap')!;
    expect(cm.data['script.js']).toContain('http://svc-1.perflab-mesh-istio.svc:8080');
    expect(cm.data['script.js']).toContain('"path": "/forward"');
  });
});

describe('config and steps', () => {
  it('accepts 10, 50 or 100 services and names the key otherwise', () => {
    expect(() => spec('mesh-istio', { 'perflab:services': '20' })).toThrow(ConfigError);
    expect(() => spec('mesh-istio', { 'perflab:services': '20' })).toThrow(/perflab:services: "20" is not one of 10, 50, 100/);
    expect(() => spec('mesh-istio', { 'perflab:topology': 'mesh' })).toThrow(/perflab:topology: "mesh" is not one of chain, fanout/);
    expect(() => spec('mesh-istio', { 'perflab:variant': 'consul' })).toThrow(/perflab:variant: "consul" is not one of baseline, istio, istio-ambient, linkerd, cilium/);
  });

  it('makes one constant-rate k6 run per stage, the last the high-RPS step', () => {
    const steps = meshSteps(spec('mesh-istio').spec.profile);
    expect(steps.map((s) => s.rps)).toEqual([50, 100, 200, 400]);
    expect(steps[3].profile).toMatchObject({ name: 'mesh-steps-s4-400rps', model: 'open', startTarget: 400, stages: [{ durationSeconds: 120, target: 400 }], maxVUs: 500 });
    const jobs = objects('mesh-istio').filter((o) => o.kind === 'Job');
    expect(jobs.map((j) => j.metadata.labels['perflab.dev/run'])).toEqual([1, 2, 3, 4].map((i) => `${spec('mesh-istio').runId}-s${i}`));
  });

  it('refuses profiles that are not fixed rates', () => {
    const closed = spec('mesh-istio', { 'perflab:load': 'baseline' }).spec.profile;
    expect(() => meshSteps(closed)).toThrow(MeshProfileError);
    expect(() => meshSteps(closed)).toThrow('set "model": "open"');
  });
});
