/**
 * The Pulumi program (index.ts) under `pulumi.runtime.setMocks`, once per stack file in
 * stacks/: each stack's config is loaded the way the CLI passes it, the program runs in a
 * fresh module registry, and the registered resources are checked. The RunResults dynamic
 * resource is answered by the mock (its provider's create never runs, no cluster is reached).
 */
import { cpuCores, memoryBytes } from '../src/config/quantities';
import * as fs from 'fs';
import * as path from 'path';
import { REQUIRED_LABEL_KEYS } from '../constructs/labels';
import { listStacks, readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { IMAGE_VERSION } from '../experiments/runtime/variants';
import { FAKE_FIGURES, ProgramRun, Pulumi, Registered, runProgram } from './helpers/pulumi-program';
import { RUN_RESULTS_TYPE } from '../src/cluster/results-provider';
import { profileDurationSeconds } from '../src/load/profile';
import { parseExperimentConfig, fromNamespacedConfig } from '../src/config/spec';

const ALL_STACKS = listStacks();
/** Stacks of the runtime experiment (cost-* stacks run it too, beside their cost tool). */
const STACKS = ALL_STACKS.filter((s) => readStackConfig(stackFilePath(s))['perflab:experiment'] === 'runtime');
/** The runtime experiment's own resources: its Namespace, what lives in it, and its results resource. */
const ownResources = (r: ProgramRun): Registered[] =>
  r.resources.filter((x) => !x.type.startsWith('kubernetes:') || x.inputs.metadata?.namespace === r.outputs.namespace || (x.type === 'kubernetes:core/v1:Namespace' && x.inputs.metadata?.name === r.outputs.namespace));
const kinds = (r: ProgramRun, type: string): Registered[] => ownResources(r).filter((x) => x.type === type);
const one = (r: ProgramRun, type: string): Registered => {
  const found = kinds(r, type);
  expect(found).toHaveLength(1);
  return found[0];
};

// Each isolated program load adds @pulumi/pulumi's process listeners again.
process.setMaxListeners(100);

describe('stack files', () => {
  it('cover every runtime variant, on k3s', () => {
    const variantStacks = STACKS.filter((s) => s.startsWith('runtime-'));
    expect(variantStacks).toEqual(['runtime-bun', 'runtime-dotnet', 'runtime-go', 'runtime-node', 'runtime-rust']);
    for (const s of variantStacks) {
      const config = readStackConfig(stackFilePath(s));
      expect(config['perflab:target']).toBe('k3s');
      expect(config['perflab:variant']).toBe(s.replace('runtime-', ''));
    }
  });

  it('name the image tag the program deploys, as do the k3s guide and the apps README', () => {
    const read = (f: string): string => fs.readFileSync(path.join(__dirname, '..', f), 'utf8');
    for (const s of STACKS.filter((x) => x.startsWith('runtime-'))) {
      const tags = read(`stacks/Pulumi.${s}.yaml`).match(/perflab\/runtime-[a-z]+:[\w.]+/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      expect(new Set(tags)).toEqual(new Set([`perflab/${s}:${IMAGE_VERSION}`]));
    }
    for (const doc of ['docs/k3s.md', 'experiments/runtime/apps/README.md']) {
      const tags = read(doc).match(/perflab\/runtime-[a-z]+:[\w.]+/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      expect(tags.filter((t) => !t.endsWith(`:${IMAGE_VERSION}`))).toEqual([]);
    }
  });
});

describe.each(STACKS)('pulumi up --stack %s (under mocks)', (stack) => {
  const config = readStackConfig(stackFilePath(stack));
  const spec = parseExperimentConfig(fromNamespacedConfig(config));
  let run: ProgramRun;

  beforeAll(async () => {
    run = await runProgram(config, stack);
  });

  it('creates the namespace of the experiment', () => {
    const ns = one(run, 'kubernetes:core/v1:Namespace');
    expect(ns.inputs.metadata.name).toBe(`perflab-runtime-${spec.variant}`);
  });

  it('deploys the variant API with its image, replicas, resources and /health probes', () => {
    const d = one(run, 'kubernetes:apps/v1:Deployment');
    expect(d.inputs.metadata.namespace).toBe(spec.namespace);
    expect(d.inputs.spec.replicas).toBe(spec.settings.replicas);
    const c = d.inputs.spec.template.spec.containers[0];
    expect(c.image).toBe(`perflab/runtime-${spec.variant}:${IMAGE_VERSION}`);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    for (const probe of [c.readinessProbe, c.livenessProbe]) expect(probe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(d.inputs.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });

  it('exposes it with a Service that selects the API pods', () => {
    const svc = one(run, 'kubernetes:core/v1:Service');
    const d = one(run, 'kubernetes:apps/v1:Deployment');
    expect(svc.inputs.spec.selector).toEqual(d.inputs.spec.selector.matchLabels);
    expect(svc.inputs.spec.ports[0]).toMatchObject({ port: 8080, targetPort: 'http' });
  });

  it('stores the compiled k6 script in a ConfigMap', () => {
    const cm = one(run, 'kubernetes:core/v1:ConfigMap');
    const script: string = cm.inputs.data['script.js'];
    expect(script).toContain('export function handleSummary(data)');
    expect(script).toContain(`http://runtime-${spec.variant}.${spec.namespace}.svc:8080`);
    expect(script).toContain('"executor": "ramping-vus"');
  });

  it('runs k6 as a Job with a deadline, away from the API pods, without Pulumi waiting for it', () => {
    const job = one(run, 'kubernetes:batch/v1:Job');
    const d = one(run, 'kubernetes:apps/v1:Deployment');
    expect(job.inputs.spec.backoffLimit).toBe(0);
    expect(job.inputs.spec.activeDeadlineSeconds).toBe(Math.ceil(profileDurationSeconds(spec.profile) + spec.profile.gracefulStopSeconds + 120));
    expect(job.inputs.metadata.annotations['pulumi.com/skipAwait']).toBe('true');
    const pod = job.inputs.spec.template.spec;
    const term = pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
    expect(term.labelSelector.matchLabels).toEqual(d.inputs.spec.selector.matchLabels);
    expect(term.topologyKey).toBe('kubernetes.io/hostname');
    expect(pod.containers[0].image).toMatch(/^grafana\/k6:\d+\.\d+\.\d+$/);
    expect(pod.volumes.map((v: { name: string }) => v.name).sort()).toEqual(['results', 'script', 'tmp']);
  });

  it('labels every Kubernetes object with the perflab labels of this run', () => {
    const k8sObjects = ownResources(run).filter((r) => r.custom && r.type.startsWith('kubernetes:'));
    expect(k8sObjects.map((r) => r.type).sort()).toEqual([
      'kubernetes:apps/v1:Deployment',
      'kubernetes:batch/v1:Job',
      'kubernetes:core/v1:ConfigMap',
      'kubernetes:core/v1:Namespace',
      'kubernetes:core/v1:Service',
    ]);
    const runLabel = new Set<string>();
    for (const r of k8sObjects) {
      const labels = r.inputs.metadata.labels as Record<string, string>;
      for (const key of REQUIRED_LABEL_KEYS) expect({ object: `${r.type}/${r.name}`, key, present: key in labels }).toMatchObject({ present: true });
      expect(labels['perflab.dev/variant']).toBe(spec.variant);
      runLabel.add(labels['perflab.dev/run']);
    }
    expect(runLabel.size).toBe(1);
    expect([...runLabel][0]).toMatch(new RegExp(`^runtime-${spec.variant}-[0-9a-f]{8}$`));
  });

  it('creates the results resource with what the reader needs, parented to the component', () => {
    const r = one(run, RUN_RESULTS_TYPE);
    const job = one(run, 'kubernetes:batch/v1:Job');
    expect(r.inputs).toMatchObject({ namespace: spec.namespace, experiment: 'runtime', variant: spec.variant, target: 'k3s', label: stack });
    expect(r.inputs.runner).toMatchObject({ kind: 'Job', name: job.inputs.metadata.name, parallelism: 1 });
    expect(r.inputs.timeoutSeconds).toBeGreaterThan(job.inputs.spec.activeDeadlineSeconds);
    expect(r.inputs.profile.name).toBe('baseline');
    // The API Deployment's requests and limits travel to the reader for right-sizing.
    const container = one(run, 'kubernetes:apps/v1:Deployment').inputs.spec.template.spec.containers[0].resources;
    expect(r.inputs.requests).toEqual({
      server: { requested: { cpuCores: cpuCores(container.requests.cpu), memoryBytes: memoryBytes(container.requests.memory) }, limits: { cpuCores: cpuCores(container.limits.cpu), memoryBytes: memoryBytes(container.limits.memory) } },
    });
    expect(typeof r.inputs.__provider).toBe('string');
    expect(run.providerLoaded).toBe(false);
    expect(run.urns.some((u) => u.includes(`perflab:runtime:RuntimeExperiment$${RUN_RESULTS_TYPE}::`))).toBe(true);
    expect(run.urns.some((u) => u.includes('perflab:runtime:RuntimeExperiment$kubernetes:core/v1:Namespace::'))).toBe(true);
    expect(run.urns.filter((u) => u.includes('perflab:runtime:RuntimeExperiment$kubernetes:yaml:ConfigGroup::'))).toHaveLength(2);
    expect(run.urns.some((u) => u.includes('kubernetes:yaml:ConfigGroup$kubernetes:batch/v1:Job::'))).toBe(true);
  });

  it('exports the headline figures and the RunResult as stack outputs', () => {
    // The reader's `rps` is exported as the experiment-neutral `throughput`.
    const { rps, ...rest } = FAKE_FIGURES;
    expect(run.outputs).toMatchObject({ ...rest, throughput: rps, namespace: spec.namespace });
    expect(run.outputs.runResult).toMatchObject({ kind: 'perflab.dev/RunResult' });
  });
});

describe('a bad stack config', () => {
  const base = readStackConfig(stackFilePath('runtime-go'));

  it('fails with the config message before any resource is created', async () => {
    const err = (await runProgram({ ...base, 'perflab:variant': 'goo' }, 'runtime-goo').catch((e: unknown) => e)) as Error & { registered: Registered[] };
    expect(err.message).toBe('perflab:variant: "goo" is not one of go, rust, dotnet, node, bun');
    // A RunError: Pulumi prints its message alone, without a stack trace.
    expect(require('@pulumi/pulumi').RunError.isInstance(err)).toBe(true);
    expect(err.registered).toEqual([]);
  });

  it('names every bad key at once', async () => {
    const err = await runProgram({ ...base, 'perflab:variant': 'goo', 'perflab:timeScale': '-1', 'perflab:replicas': 'two' }, 'runtime-bad').catch((e: Error) => e);
    expect((err as Error).message).toContain('perflab:variant: "goo" is not one of go, rust, dotnet, node, bun');
    expect((err as Error).message).toContain('perflab:timeScale');
    expect((err as Error).message).toContain('perflab:replicas');
  });

  it('refuses target local with the command to use instead', async () => {
    await expect(runProgram({ ...base, 'perflab:target': 'local' }, 'runtime-local')).rejects.toThrow(/perflab:target: "local".*npx perflab run runtime --target local/);
  });

  it('validates the cluster knobs too', async () => {
    await expect(runProgram({ ...base, 'perflab-cluster:parallelism': '4' }, 'runtime-par')).rejects.toThrow(
      'perflab-cluster:parallelism: 4 needs k6Mode "testrun" (k6-operator); with k6Mode "job" it must be 1',
    );
  });
});

describe('perflab-cluster:* config', () => {
  const { parseClusterConfig } = require('../src/cluster/cluster-config') as typeof import('../src/cluster/cluster-config');
  const message = (c: Record<string, string>): string => {
    try {
      parseClusterConfig(c);
      return 'valid';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('defaults to one Job with preferred anti-affinity', () => {
    expect(parseClusterConfig({ 'perflab:variant': 'go' })).toEqual({ k6Mode: 'job', operators: 'helm', parallelism: 1, placement: 'preferred-anti-affinity', repeat: 0 });
  });

  it('reads a node selector given as JSON text', () => {
    expect(parseClusterConfig({ 'perflab-cluster:placement': 'node-selector', 'perflab-cluster:nodeSelector': '{"perflab.dev/role":"load"}' }).nodeSelector).toEqual({ 'perflab.dev/role': 'load' });
  });

  it.each<[Record<string, string>, string]>([
    [{ 'perflab-cluster:k6Mode': 'operator' }, 'perflab-cluster:k6Mode: "operator" is not one of job, testrun'],
    [{ 'perflab-cluster:placement': 'node-selector' }, 'perflab-cluster:nodeSelector is required with placement "node-selector", e.g. {"perflab.dev/role":"load"}'],
    [
      { 'perflab-cluster:placement': 'node-selector', 'perflab-cluster:nodeSelector': '{bad' },
      'perflab-cluster:nodeSelector: "{bad" is not a map of node labels; give a JSON object such as {"perflab.dev/role":"load"}',
    ],
    [{ 'perflab-cluster:nodeSelector': '{"a":"b"}' }, 'perflab-cluster:nodeSelector is only used with placement "node-selector" (placement is "preferred-anti-affinity")'],
    [{ 'perflab-cluster:k6Mode': 'testrun', 'perflab-cluster:parallelism': '0' }, 'perflab-cluster:parallelism: "0" is too small; it must be ≥ 1'],
    [{ 'perflab-cluster:paralelism': '2' }, 'perflab-cluster:paralelism is not a known key'],
  ])('rejects %j', (config, expected) => {
    expect(message(config)).toContain(expected);
  });
});

describe('distributed load through perflab-cluster config', () => {
  it('creates a k6-operator TestRun with the requested parallelism instead of a Job', async () => {
    const base = readStackConfig(stackFilePath('runtime-rust'));
    const run = await runProgram({ ...base, 'perflab-cluster:k6Mode': 'testrun', 'perflab-cluster:parallelism': '3' }, 'runtime-rust-dist');
    expect(kinds(run, 'kubernetes:batch/v1:Job')).toHaveLength(0);
    const tr = one(run, 'kubernetes:k6.io/v1alpha1:TestRun');
    expect(tr.inputs.spec.parallelism).toBe(3);
    expect(tr.inputs.spec.script.configMap.file).toBe('script.js');
    const results = one(run, RUN_RESULTS_TYPE);
    expect(results.inputs.runner).toMatchObject({ kind: 'TestRun', parallelism: 3 });
  });
});

describe('the dynamic provider', () => {
  it('serializes to a small, self-contained module (no captured engine code)', async () => {
    const pulumi = require('@pulumi/pulumi') as Pulumi;
    const { runResultsProvider, defaultProviderPaths } = require('../src/cluster/results-provider') as typeof import('../src/cluster/results-provider');
    const provider = runResultsProvider(defaultProviderPaths());
    const { text } = await pulumi.runtime.serializeFunction(() => provider);
    expect(text.length).toBeLessThan(6000);
    expect(text).toContain(path.join('src', 'cluster', 'provider-entry'));
    expect(text).not.toMatch(/zod|RunResultSchema|KubeClusterClient/);
  });

  it('asks for replacement when any input changes and for nothing otherwise', async () => {
    const { runResultsProvider, defaultProviderPaths } = require('../src/cluster/results-provider') as typeof import('../src/cluster/results-provider');
    const provider = runResultsProvider(defaultProviderPaths());
    const olds = { namespace: 'a', runner: { kind: 'Job', name: 'k6-x' }, runResult: { id: 'r' }, __provider: 'old' };
    expect(await provider.diff!('id', olds, { namespace: 'a', runner: { name: 'k6-x', kind: 'Job' }, __provider: 'new' })).toEqual({ changes: false, replaces: [] });
    expect(await provider.diff!('id', olds, { namespace: 'a', runner: { kind: 'Job', name: 'k6-y' }, __provider: 'old' })).toEqual({ changes: true, replaces: ['runner'] });
  });
});

describe('cost tooling in stacks', () => {
  const helmReleases = (r: ProgramRun): Registered[] => r.resources.filter((x) => x.type === 'kubernetes:helm.sh/v3:Release');

  it.each([
    ['cost-opencost', 'opencost', { tool: 'opencost', namespace: 'opencost', service: 'opencost', port: 9003, allocationPath: '/allocation/compute' }],
    ['cost-kubecost', 'cost-analyzer', { tool: 'kubecost', namespace: 'kubecost', service: 'kubecost-cost-analyzer', port: 9090, allocationPath: '/model/allocation' }],
  ])('%s installs its tool and its run reads the cost from it', async (stack, chart, api) => {
    const run = await runProgram(readStackConfig(stackFilePath(stack)), stack);
    expect(helmReleases(run).map((r) => r.inputs.chart)).toContain(chart);
    const results = run.resources.find((x) => x.type === RUN_RESULTS_TYPE)!;
    expect(results.inputs.cost).toMatchObject({ source: api.tool, namespace: api.namespace, service: api.service, port: api.port, allocationPath: api.allocationPath, settleSeconds: 120 });
    expect(run.urns.some((u) => u.includes('perflab:cost:CostTooling'))).toBe(true);
  });

  it('an experiment stack installs no cost tool and reads the cluster’s OpenCost', async () => {
    const run = await runProgram(readStackConfig(stackFilePath('runtime-go')), 'runtime-go');
    expect(helmReleases(run)).toEqual([]);
    expect(run.urns.some((u) => u.includes('perflab:cost:CostTooling'))).toBe(false);
    const results = run.resources.find((x) => x.type === RUN_RESULTS_TYPE)!;
    expect(results.inputs.cost).toMatchObject({ source: 'opencost', namespace: 'opencost', service: 'opencost', port: 9003 });
  });

  it('perflab:costApi none models the cost', async () => {
    const run = await runProgram({ ...readStackConfig(stackFilePath('runtime-go')), 'perflab:costApi': 'none' }, 'runtime-go-nocost');
    expect(run.resources.find((x) => x.type === RUN_RESULTS_TYPE)!.inputs.cost).toBeUndefined();
  });
});
