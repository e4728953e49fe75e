/**
 * The policy pack as Pulumi runs it, end to end without the CLI: `policies/` started the way
 * `pulumi preview --policy-pack policies` starts it (node + @pulumi/pulumi's run-policy-pack in
 * the pack's directory, dependencies from the repo root's node_modules, TypeScript through
 * ts-node with policies/tsconfig.json), then driven over its Analyzer gRPC API as the engine
 * drives it: GetAnalyzerInfo, Configure, Analyze, AnalyzeStack. Its diagnostics must carry the
 * same messages `perflab check` prints for the same object.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { ALL_RULES } from '../policies/rules';
import { checkManifests } from '../src/policy/check';
import { Manifest } from '../src/policy/types';
import { typeTokenOf } from './fixtures/policies/harness';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ROOT = path.join(__dirname, '..');
const fromPulumi = (m: string): any => require(require.resolve(m, { paths: [path.dirname(require.resolve('@pulumi/pulumi'))] }));
const grpc = fromPulumi('@grpc/grpc-js');
const analyzerRpc = require('@pulumi/pulumi/proto/analyzer_grpc_pb');
const analyzerPb = require('@pulumi/pulumi/proto/analyzer_pb');
const { Struct } = fromPulumi('google-protobuf/google/protobuf/struct_pb');
const { Empty } = fromPulumi('google-protobuf/google/protobuf/empty_pb');
const LEVEL = ['advisory', 'mandatory', 'disabled', 'remediate'];

const call = <T>(client: any, method: string, req: unknown): Promise<T> =>
  new Promise((resolve, reject) => client[method](req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));

const STACK = 'runtime-go';
const urn = (m: Manifest, type = typeTokenOf(m)): string => `urn:pulumi:${STACK}::perflab::${type}::${String(m.metadata?.name)}`;

function resourceOptions(): any {
  const o = new analyzerPb.AnalyzerResourceOptions();
  o.setProtect(false);
  return o;
}

function analyzeRequest(m: Manifest): any {
  const req = new analyzerPb.AnalyzeRequest();
  req.setType(typeTokenOf(m));
  req.setProperties(Struct.fromJavaScript(m));
  req.setUrn(urn(m));
  req.setName(String(m.metadata?.name));
  req.setOptions(resourceOptions());
  return req;
}

/** A resource of AnalyzeStack: a manifest as its Kubernetes resource, or any `type` with `m` as its props. */
function stackResource(m: Manifest, type = typeTokenOf(m)): any {
  const r = new analyzerPb.AnalyzerResource();
  r.setType(type);
  r.setProperties(Struct.fromJavaScript(m));
  r.setUrn(urn(m, type));
  r.setName(String(m.metadata?.name));
  r.setOptions(resourceOptions());
  return r;
}

interface Diag {
  readonly policy: string;
  readonly level: string;
  /** CrossGuard puts the policy's description on the first line of each diagnostic. */
  readonly description: string;
  /** The rule's own message (the rest). */
  readonly message: string;
  readonly urn: string;
}

const diagnostics = (res: any): Diag[] =>
  res.getDiagnosticsList().map((d: any) => {
    const [description, ...rest] = String(d.getMessage()).split('\n');
    return { policy: d.getPolicyname(), level: LEVEL[d.getEnforcementlevel()], description, message: rest.join('\n'), urn: d.getUrn() };
  });
const describe_ = (id: string): string => ALL_RULES.find((r) => r.id === id)!.description;

const deployment: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'runtime-go', namespace: 'default', labels: { 'app.kubernetes.io/component': 'server' } },
  spec: {
    replicas: 0,
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'runtime-api' } },
      spec: { containers: [{ name: 'api', image: 'perflab/runtime-go:latest', resources: { requests: { cpu: '500m' } } }] },
    },
  },
};
const job: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'k6-run', namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: 'k6', image: 'grafana/k6:1.3.0' }] } } },
};

describe('the policy pack, started as Pulumi starts it and driven over gRPC', () => {
  let pack: ChildProcess;
  let client: any;
  let stderr = '';

  beforeAll(async () => {
    pack = spawn(process.execPath, [path.join(ROOT, 'node_modules/@pulumi/pulumi/cmd/run-policy-pack'), '127.0.0.1:0', '.'], {
      cwd: path.join(ROOT, 'policies'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pack.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      let out = '';
      pack.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /^(\d+)\s*$/m.exec(out);
        if (m) resolve(m[1]);
      });
      pack.on('exit', (code) => reject(new Error(`the pack exited with ${code} before serving:\n${stderr}`)));
    });
    client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }, 90_000);

  afterAll(() => {
    client?.close();
    pack?.kill();
  });

  it('announces every rule as a policy with its enforcement level', async () => {
    const info: any = await call(client, 'getAnalyzerInfo', new Empty());
    expect(info.getName()).toBe('perflab');
    const announced = info.getPoliciesList().map((p: any) => [p.getName(), LEVEL[p.getEnforcementlevel()]]);
    expect(announced).toEqual(ALL_RULES.map((r) => [r.id, r.level]));
  });

  it('reports on a resource exactly what perflab check reports on the same manifest', async () => {
    const res = diagnostics(await call(client, 'analyze', analyzeRequest(deployment)));
    const resourceRules = new Set(ALL_RULES.filter((r) => r.scope === 'resource').map((r) => r.id));
    const fromCheck = checkManifests([deployment]).findings.filter((f) => resourceRules.has(f.ruleId));
    expect(res.map((d) => [d.policy, d.level, d.description, d.message])).toEqual(fromCheck.map((f) => [f.ruleId, f.level, describe_(f.ruleId), f.message]));
    expect(res.map((d) => d.policy)).toEqual(expect.arrayContaining(['image-pinned', 'container-resources', 'sut-replicas', 'namespace-set', 'lab-run-labels']));
  });

  it('applies a policy config sent with Configure: enforcement levels and settings', async () => {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const policyConfig = (level: string, props: Record<string, unknown>): any => {
      const c = new analyzerPb.PolicyConfig();
      c.setEnforcementlevel(analyzerPb.EnforcementLevel[level]);
      c.setProperties(Struct.fromJavaScript(props)); // the CLI always sends properties, {} at least
      return c;
    };
    // As from `--policy-pack-config`: {"image-pinned": "advisory", "namespace-set": {"forbidden": ["default", "lab"]}, "sut-replicas": "disabled"}
    req.getPolicyconfigMap().set('image-pinned', policyConfig('ADVISORY', {}));
    req.getPolicyconfigMap().set('namespace-set', policyConfig('MANDATORY', { forbidden: ['default', 'lab'] }));
    req.getPolicyconfigMap().set('sut-replicas', policyConfig('DISABLED', {}));
    await call(client, 'configure', req);
    const res = diagnostics(await call(client, 'analyze', analyzeRequest({ ...deployment, metadata: { ...deployment.metadata, namespace: 'lab' } })));
    expect(res.filter((d) => d.policy === 'image-pinned').map((d) => [d.level, d.message])).toEqual([
      ['advisory', 'container "api" image "perflab/runtime-go:latest" uses the mutable tag "latest"; pin a version tag or a digest'],
    ]);
    expect(res.filter((d) => d.policy === 'namespace-set').map((d) => [d.level, d.message])).toEqual([
      ['mandatory', 'metadata.namespace is "lab"; put the experiment in its own namespace'],
    ]);
    expect(res.some((d) => d.policy === 'sut-replicas')).toBe(false);
  });

  it('runs the stack rules on AnalyzeStack and points at the offending resource', async () => {
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList([deployment, job].map((m) => stackResource(m)));
    const res = diagnostics(await call(client, 'analyzeStack', req));
    expect(res.filter((d) => d.policy === 'load-run-placement')).toEqual([
      {
        policy: 'load-run-placement',
        level: 'mandatory',
        description: describe_('load-run-placement'),
        message: 'spec.template.spec has no pod anti-affinity against the system under test and no nodeSelector: load and SUT may share a node and compete for its CPU',
        urn: urn(job),
      },
    ]);
    expect(res.filter((d) => d.policy === 'load-run-thresholds').map((d) => d.message)).toEqual([
      'its pod mounts no ConfigMap holding a k6 script and it has no perflab.dev/thresholds annotation, so its thresholds cannot be checked',
    ]);
  });

  it('runs every stack rule in preview, when the RunResults outputs and the stack outputs are still unknown', async () => {
    const unknown = '04da6b54-80e4-46f7-96ec-b56ff0331ba9'; // what the engine sends for an unknown output
    const results = { metadata: { name: 'results' }, namespace: 'default', runId: 'r1', cpuCoreSeconds: unknown, p95Ms: unknown, runResult: unknown };
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList([
      stackResource({ metadata: { name: `perflab-${STACK}` }, p95Ms: unknown, runResult: unknown }, 'pulumi:pulumi:Stack'),
      ...[deployment, job].map((m) => stackResource(m)),
      stackResource(results, 'pulumi-nodejs:dynamic/perflab:RunResults'),
    ]);
    const res = diagnostics(await call(client, 'analyzeStack', req));
    expect(res.filter((d) => d.message.includes("can't run") || d.description.includes("can't run"))).toEqual([]);
    expect(res.filter((d) => d.policy === 'load-run-placement').map((d) => d.urn)).toEqual([urn(job)]);
  });
});
