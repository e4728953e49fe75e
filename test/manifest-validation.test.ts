/**
 * Offline validation of synthesized manifests: every stack's chart (Job mode, and TestRun mode)
 * validates against the Kubernetes schemas (kubernetes-models) and the k6-operator CRD schema;
 * broken objects and unknown custom kinds are reported as `Kind/name: path: message`.
 */
import * as path from 'path';
import { synthesizeRuntimeChart } from '../charts/runtime-chart';
import { fromNamespacedConfig, parseExperimentConfig } from '../src/config/spec';
import { parseClusterConfig } from '../src/cluster/cluster-config';
import { deriveRunId } from '../src/cluster/run-id';
import { listStacks, readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { CRD_SCHEMAS_ENV, crdSchemaDir, formatProblem, validateManifest, validateManifests } from '../src/cluster/validate-manifests';
import { scratchDir } from './helpers/scratch-dirs';

type Obj = Record<string, any>;

function stackObjects(stack: string, extra: Record<string, string> = {}): Obj[] {
  const config = { ...readStackConfig(stackFilePath(stack)), ...extra };
  const spec = parseExperimentConfig(fromNamespacedConfig(config));
  const options = parseClusterConfig(config);
  return synthesizeRuntimeChart(spec, deriveRunId(spec, options, stack), options) as Obj[];
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Stacks of the runtime experiment (other experiments validate their charts in their own tests). */
const RUNTIME_STACKS = listStacks().filter((s) => readStackConfig(stackFilePath(s))['perflab:experiment'] === 'runtime');

describe.each(RUNTIME_STACKS)('stack %s', (stack) => {
  it('synthesizes a chart that validates offline', () => {
    const objs = stackObjects(stack);
    expect(objs.map((o) => o.kind)).toEqual(['Deployment', 'Service', 'ConfigMap', 'Job']);
    const report = validateManifests(objs);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.checked).toBe(4);
  });

  it('synthesizes a valid distributed (TestRun) chart', () => {
    const objs = stackObjects(stack, { 'perflab-cluster:k6Mode': 'testrun', 'perflab-cluster:parallelism': '2' });
    expect(objs.map((o) => o.kind)).toEqual(['Deployment', 'Service', 'ConfigMap', 'TestRun']);
    expect(validateManifests(objs).problems.map(formatProblem)).toEqual([]);
  });
});

describe('the validator', () => {
  const deployment = stackObjects('runtime-go')[0];

  it('rejects replicas that are not a number, naming kind, name and path', () => {
    const bad = clone(deployment);
    bad.spec.replicas = 'two';
    expect(validateManifest(bad).map(formatProblem)).toEqual(['Deployment/runtime-go: spec.replicas: must be integer']);
  });

  it('rejects a container without a name', () => {
    const bad = clone(deployment);
    delete bad.spec.template.spec.containers[0].name;
    expect(validateManifest(bad).map(formatProblem)).toEqual(['Deployment/runtime-go: spec.template.spec.containers[0].name: is required']);
  });

  it('rejects a resource quantity that is not one', () => {
    const bad = clone(deployment);
    bad.spec.template.spec.containers[0].resources.limits.cpu = 'half a core';
    expect(validateManifest(bad).map(formatProblem)).toContain('Deployment/runtime-go: spec.template.spec.containers[0].resources.limits.cpu: must match format "quantity"');
  });

  it('applies a CRD\'s metadata schema to name and generateName only, as the API server does', () => {
    // mysql-operator 9.1.0-2.2.2 helm/mysql-operator/crds/crd.yaml declares InnoDBCluster metadata as `name` (maxLength 40) only.
    const cluster = (name: string) => ({
      apiVersion: 'mysql.oracle.com/v2',
      kind: 'InnoDBCluster',
      metadata: { name, namespace: 'perflab-database-mysql-operator', labels: { 'perflab.dev/run': 'r-1' }, annotations: { a: 'b' } },
      spec: { secretName: 'perflab-db-credentials', instances: 1 },
    });
    expect(validateManifest(cluster('perflab-db')).map(formatProblem)).toEqual([]);
    expect(validateManifest(cluster('x'.repeat(41))).map(formatProblem)).toEqual([`InnoDBCluster/${'x'.repeat(41)}: metadata.name: must NOT have more than 40 characters`]);
    const noSecret = cluster('perflab-db') as { spec: Record<string, unknown> };
    delete noSecret.spec.secretName;
    expect(validateManifest(noSecret).map(formatProblem)).toEqual(['InnoDBCluster/perflab-db: spec.secretName: is required']);
  });

  it('reports every invalid object of a set, in order', () => {
    const a = clone(deployment);
    a.spec.replicas = -1.5;
    const b = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: 'http' }] } };
    const report = validateManifests([a, b]);
    expect([...new Set(report.problems.map((p) => p.object))]).toEqual(['Deployment/runtime-go', 'Service/svc']);
    expect(report.problems.filter((p) => p.object === 'Service/svc')).toEqual([{ object: 'Service/svc', path: 'spec.ports[0].port', message: 'must be integer' }]);
  });

  it('rejects a custom kind it has no schema for', () => {
    const widget = { apiVersion: 'widgets.example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} };
    const [problem] = validateManifest(widget);
    expect(problem.object).toBe('Widget/w');
    expect(problem.path).toBe('kind');
    expect(problem.message).toBe(
      `no schema for custom kind Widget (widgets.example.com/v1): ${path.join(crdSchemaDir(), 'widgets.example.com', 'widget_v1.json')} does not exist (set ${CRD_SCHEMAS_ENV} to the CRD schema folder)`,
    );
  });

  it('rejects an unknown kind of a core group', () => {
    expect(validateManifest({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } }).map(formatProblem)).toEqual(['Deploymnet/x: kind: apps/v1 has no kind "Deploymnet"']);
  });

  it('rejects a TestRun that breaks the CRD schema, unknown fields included', () => {
    const tr = clone(stackObjects('runtime-go', { 'perflab-cluster:k6Mode': 'testrun' })[3]);
    tr.spec.parallelism = 'four';
    tr.spec.runner.imagePullPolicey = 'Always';
    const problems = validateManifest(tr).map(formatProblem);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([`TestRun/${tr.metadata.name}: spec.parallelism: must be integer`, `TestRun/${tr.metadata.name}: spec.runner.imagePullPolicey: is not a known field; did you mean imagePullPolicy?`]),
    );
  });

  it('requires apiVersion, kind and metadata.name', () => {
    expect(validateManifest({ kind: 'ConfigMap', metadata: { name: 'c' } }).map(formatProblem)).toEqual(['ConfigMap/c: apiVersion: is required (a string)']);
    expect(validateManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, 3).map(formatProblem)).toEqual(['ConfigMap/<unnamed #3>: metadata.name: is required']);
    expect(validateManifest('nope').map(formatProblem)).toEqual(['<object #0>: .: is not an object']);
  });

  it('finds the CRD schemas shipped in the repo, or where PERFLAB_CRD_SCHEMAS says', () => {
    const before = process.env[CRD_SCHEMAS_ENV];
    try {
      delete process.env[CRD_SCHEMAS_ENV];
      expect(crdSchemaDir()).toBe(path.resolve(__dirname, '..', 'schemas', 'crds'));
      process.env[CRD_SCHEMAS_ENV] = '/nowhere';
      const [problem] = validateManifest({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', metadata: { name: 't' }, spec: {} });
      expect(problem.message).toContain('/nowhere/k6.io/testrun_v1alpha1.json does not exist');
    } finally {
      if (before === undefined) delete process.env[CRD_SCHEMAS_ENV];
      else process.env[CRD_SCHEMAS_ENV] = before;
    }
  });
});

describe('perflab synth <stack>', () => {
  const fs = require('fs') as typeof import('fs');
  const os = require('os') as typeof import('os');
  let out: string;
  let stdout: string;
  let stderr: string;

  async function synth(...args: string[]): Promise<number> {
    const { main } = require('../src/cli/main') as typeof import('../src/cli/main');
    stdout = '';
    stderr = '';
    const w1 = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const w2 = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    try {
      return await main(['node', 'perflab', 'synth', ...args, '--out', out]);
    } finally {
      w1.mockRestore();
      w2.mockRestore();
    }
  }

  /** Runs `fn` with PERFLAB_CRD_SCHEMAS pointing at an empty place under `dir`. */
  async function withoutSchemas<T>(dir: string, fn: () => Promise<T>): Promise<T> {
    const before = process.env[CRD_SCHEMAS_ENV];
    process.env[CRD_SCHEMAS_ENV] = path.join(dir, 'no-schemas');
    try {
      return await fn();
    } finally {
      if (before === undefined) delete process.env[CRD_SCHEMAS_ENV];
      else process.env[CRD_SCHEMAS_ENV] = before;
    }
  }

  /** A project folder with one stack file. */
  function project(stack: string, yaml: string): string {
    const dir = scratchDir('perflab-synth-');
    fs.mkdirSync(path.join(dir, 'stacks'));
    fs.writeFileSync(path.join(dir, 'stacks', `Pulumi.${stack}.yaml`), yaml);
    return dir;
  }

  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-dist-'));
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  it('writes the Namespace and chart of a stack and validates them', async () => {
    expect(await synth('runtime-go', '--project', path.join(__dirname, '..'))).toBe(0);
    const { parseAllDocuments } = require('yaml') as typeof import('yaml');
    const docs = parseAllDocuments(fs.readFileSync(path.join(out, 'runtime-go', 'manifests.yaml'), 'utf8')).map((d) => d.toJS() as Obj);
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'Namespace/perflab-runtime-go',
      'Deployment/runtime-go',
      'Service/runtime-go',
      expect.stringMatching(/^ConfigMap\/k6-runtime-go-[0-9a-f]{8}-script$/),
      expect.stringMatching(/^Job\/k6-runtime-go-[0-9a-f]{8}$/),
    ]);
    expect(docs).toEqual(stackObjectsWithNamespace('runtime-go'));
    expect(stdout).toContain('stack runtime-go: runtime/go on k3s, namespace perflab-runtime-go');
    expect(stdout).toContain('validated 5 objects offline: all valid');
  });

  it('exits 2 with the config message on a bad value', async () => {
    const dir = project('runtime-goo', 'config:\n  perflab:experiment: runtime\n  perflab:variant: goo\n  perflab:target: k3s\n');
    expect(await synth('runtime-goo', '--project', dir)).toBe(2);
    expect(stderr).toContain('perflab synth runtime-goo: invalid configuration\n  perflab:variant: "goo" is not one of go, rust, dotnet, node, bun');
    expect(fs.existsSync(path.join(out, 'runtime-goo'))).toBe(false);
  });

  it('asks for a stack or --all, and reports each of several stacks with the worst exit code', async () => {
    expect(await synth()).toBe(2);
    expect(await synth('runtime-go', 'runtime-nope', '--project', path.join(__dirname, '..'))).toBe(2);
    expect(stdout).toContain('validated 5 objects offline: all valid');
    expect(stdout).toContain('1 of 2 stacks synthesized and valid; failed: runtime-nope');
    expect(fs.readdirSync(out)).toEqual(['runtime-go']);
  });

  it('exits 2 for a missing stack file', async () => {
    expect(await synth('runtime-nope', '--project', path.join(__dirname, '..'))).toBe(2);
    expect(stderr).toMatch(/cannot read the stack\n {2}.*Pulumi\.runtime-nope\.yaml: no such stack file/);
  });

  it('exits 1 when a manifest does not validate (here: no CRD schema for the TestRun)', async () => {
    const dir = project('runtime-dist', 'config:\n  perflab:experiment: runtime\n  perflab:variant: go\n  perflab:target: k3s\n  perflab-cluster:k6Mode: testrun\n  perflab-cluster:parallelism: 2\n');
    expect(await withoutSchemas(dir, () => synth('runtime-dist', '--project', dir))).toBe(1);
    expect(stderr).toMatch(/1 problem\(s\) in the manifests \(nothing written to .*manifests\.yaml\):\n {2}TestRun\/k6-runtime-go-[0-9a-f]{8}: kind: no schema for custom kind TestRun/);
    expect(stdout).toContain('k6 as a TestRun with 2 runner(s)');
    expect(fs.existsSync(path.join(out, 'runtime-dist'))).toBe(false);
  });

  it('leaves the manifests of an earlier good synth alone when a later one fails', async () => {
    const dir = project('runtime-dist', 'config:\n  perflab:experiment: runtime\n  perflab:variant: go\n  perflab:target: k3s\n  perflab-cluster:k6Mode: testrun\n');
    expect(await synth('runtime-dist', '--project', dir)).toBe(0);
    const file = path.join(out, 'runtime-dist', 'manifests.yaml');
    const good = fs.readFileSync(file, 'utf8');
    expect(await withoutSchemas(dir, () => synth('runtime-dist', '--project', dir))).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe(good);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['manifests.yaml']);
  });

  it('names the tool that drives the load: pgbench harness, messaging harness, k6 per step', async () => {
    const root = path.join(__dirname, '..');
    expect(await synth('db-cnpg', '--project', root)).toBe(0);
    expect(stdout).toMatch(/^load: profile \w+, \d+ s, db-bench as a Job, placement/m);
    expect(await synth('mq-nats', '--project', root)).toBe(0);
    expect(stdout).toMatch(/^load: profile \w+, \d+ s, mqbench as a Job, placement/m);
    expect(await synth('mesh-istio', '--project', root)).toBe(0);
    expect(stdout).toMatch(/^load: profile [\w-]+, \d+ s, k6 as 4 Jobs, placement/m);
  });
});

function stackObjectsWithNamespace(stack: string): Obj[] {
  const { synthesizeStack } = require('../src/cluster/synth-stack') as typeof import('../src/cluster/synth-stack');
  return synthesizeStack(stack).objects as Obj[];
}
