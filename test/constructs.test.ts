/**
 * The cdk8s constructs: props validated at construct time (errors name the construct, prop, bad
 * value and what is allowed), K6Run's Job and TestRun modes, and its placement modes.
 */
import { App, Chart } from 'cdk8s';
import { K6Run, K6RunProps, SKIP_AWAIT_ANNOTATION } from '../constructs/k6-run';
import { LABEL, REQUIRED_LABEL_KEYS, perflabLabels } from '../constructs/labels';
import { RuntimeApi, RuntimeApiProps } from '../constructs/runtime-api';
import { PropError } from '../constructs/validation';
import { synthesizeRuntimeChart } from '../charts/runtime-chart';
import { parseExperimentConfig } from '../src/config/spec';
import { profileDurationSeconds } from '../src/load/profile';
import { K6_IMAGE } from '../src/versions';
import { validateManifests } from '../src/cluster/validate-manifests';

type Obj = Record<string, any>;

const identity = { experiment: 'runtime', variant: 'go', run: 'runtime-go-1a2b3c4d' };
const spec = parseExperimentConfig({ experiment: 'runtime', variant: 'go', target: 'k3s', load: 'baseline', timeScale: 0.5 });
const SUT = { 'app.kubernetes.io/name': 'runtime-api', 'app.kubernetes.io/instance': 'runtime-go', 'app.kubernetes.io/component': 'server' };

function synthApi(props: Partial<RuntimeApiProps>): Obj[] {
  const chart = new Chart(new App(), 'c', { namespace: 'ns' });
  new RuntimeApi(chart, 'api', { identity, image: 'perflab/runtime-go:0.1.0', port: 8080, ...props });
  return chart.toJson();
}

function synthK6(props: Partial<K6RunProps>): { run: K6Run; objs: Obj[] } {
  const chart = new Chart(new App(), 'c', { namespace: 'ns' });
  const run = new K6Run(chart, 'load', { identity, profile: spec.profile, baseUrl: 'http://runtime-go.ns.svc:8080', sutSelector: SUT, ...props });
  return { run, objs: chart.toJson() };
}

const podSpecOf = (objs: Obj[]): Obj => objs.find((o) => o.kind === 'Job')!.spec.template.spec;

describe('RuntimeApi validation', () => {
  it.each<[Partial<RuntimeApiProps>, string]>([
    [{ replicas: 0 }, 'RuntimeApi "api": replicas: 0 is not allowed; expected a whole number from 1 to 100'],
    [{ replicas: 2.5 }, 'RuntimeApi "api": replicas: 2.5 is not allowed; expected a whole number from 1 to 100'],
    [{ port: 70000 }, 'RuntimeApi "api": port: 70000 is not allowed; expected a whole number from 1 to 65535'],
    [{ image: 'perflab/runtime-go' }, 'RuntimeApi "api": image: "perflab/runtime-go" is not allowed; expected an image pinned by tag or digest (not untagged, not :latest)'],
    [{ image: 'perflab/runtime-go:latest' }, 'RuntimeApi "api": image: "perflab/runtime-go:latest" is not allowed; expected an image pinned by tag or digest'],
    [{ image: '' }, 'RuntimeApi "api": image: "" is not allowed; expected an image reference such as grafana/k6:1.3.0'],
    [{ cpu: 'lots' }, 'RuntimeApi "api": cpu: "lots" is not allowed; expected a CPU quantity > 0 such as 500m or 1'],
    [{ memory: '0Mi' }, 'RuntimeApi "api": memory: "0Mi" is not allowed; expected a memory quantity > 0 such as 256Mi or 1Gi'],
    [{ cpu: '1', cpuLimit: '500m' }, 'RuntimeApi "api": cpuLimit: "500m" is not allowed; expected a CPU quantity ≥ the request (1)'],
    [{ memory: '512Mi', memoryLimit: '256Mi' }, 'RuntimeApi "api": memoryLimit: "256Mi" is not allowed; expected a memory quantity ≥ the request (512Mi)'],
    [{ name: 'Runtime_Go' }, 'RuntimeApi "api": name: "Runtime_Go" is not allowed; expected a DNS-1123 label'],
    [{ healthPath: 'health' }, 'RuntimeApi "api": healthPath: "health" is not allowed; expected a path starting with /'],
    [{ env: { 'BAD-NAME': 'x' } }, 'RuntimeApi "api": env.BAD-NAME: "x" is not allowed'],
  ])('rejects %j', (props, message) => {
    expect(() => synthApi(props)).toThrow(PropError);
    expect(() => synthApi(props)).toThrow(message);
  });

  it('applies the documented defaults', () => {
    const [deployment, service] = synthApi({});
    expect(deployment.metadata.name).toBe('runtime-go');
    expect(deployment.spec.replicas).toBe(1);
    const c = deployment.spec.template.spec.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.env).toEqual([
      { name: 'HOST', value: '0.0.0.0' },
      { name: 'PORT', value: '8080' },
    ]);
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(service.spec.selector).toEqual(SUT);
  });

  it('keeps the run id out of the immutable selector but on the pods', () => {
    const [deployment] = synthApi({});
    expect(deployment.spec.selector.matchLabels).not.toHaveProperty(LABEL.run);
    expect(deployment.spec.template.metadata.labels[LABEL.run]).toBe(identity.run);
  });
});

describe('labels', () => {
  it('carry every required key', () => {
    expect(Object.keys(perflabLabels({ ...identity, name: 'k6', component: 'load-generator' })).sort()).toEqual([...REQUIRED_LABEL_KEYS].sort());
  });

  it('reject values Kubernetes would reject, naming the label', () => {
    expect(() => perflabLabels({ ...identity, run: 'x'.repeat(64), name: 'k6', component: 'load-generator' })).toThrow(
      `label perflab.dev/run: "${'x'.repeat(64)}" is not a valid label value; allowed: at most 63 characters`,
    );
  });
});

describe('K6Run validation', () => {
  it.each<[Partial<K6RunProps>, string]>([
    [{ parallelism: 3 }, 'K6Run "load": parallelism: 3 is not allowed; expected 1 in job mode; set mode "testrun" (k6-operator) for distributed load'],
    [{ mode: 'testrun', parallelism: 0 }, 'K6Run "load": parallelism: 0 is not allowed; expected a whole number from 1 to 100'],
    [{ mode: 'cluster' as never }, 'K6Run "load": mode: "cluster" is not allowed; expected one of job, testrun'],
    [{ placement: 'elsewhere' as never }, 'K6Run "load": placement: "elsewhere" is not allowed; expected one of preferred-anti-affinity, required-anti-affinity, node-selector'],
    [{ placement: 'node-selector' }, 'K6Run "load": nodeSelector: nothing is not allowed; expected a non-empty map of label keys to label values'],
    [{ nodeSelector: { pool: 'load' } }, 'K6Run "load": nodeSelector: {"pool":"load"} is not allowed; expected nothing unless placement is "node-selector"'],
    [{ sutSelector: {} }, 'K6Run "load": sutSelector: {} is not allowed; expected a non-empty map of label keys to label values'],
    [{ baseUrl: 'runtime-go:8080' }, 'K6Run "load": baseUrl: "runtime-go:8080" is not allowed; expected an http:// or https:// URL'],
    [{ image: 'grafana/k6' }, 'K6Run "load": image: "grafana/k6" is not allowed; expected an image pinned by tag or digest'],
    [{ graceSeconds: -1 }, 'K6Run "load": graceSeconds: -1 is not allowed; expected a number ≥ 0'],
    [{ resources: { limits: { cpu: '2 cores' } } }, 'K6Run "load": resources.limits.cpu: "2 cores" is not allowed; expected a CPU quantity > 0'],
    [{ name: `k6-${'a'.repeat(60)}` }, 'K6Run "load": name: '],
  ])('rejects %j', (props, message) => {
    expect(() => synthK6(props)).toThrow(message);
  });
});

describe('K6Run as a Job (default)', () => {
  const { run, objs } = synthK6({});

  it('stores the compiled script in a ConfigMap mounted read-only', () => {
    const cm = objs.find((o) => o.kind === 'ConfigMap')!;
    expect(cm.metadata.name).toBe('k6-runtime-go-1a2b3c4d-script');
    expect(cm.data['script.js']).toBe(run.script);
    expect(run.script).toContain('handleSummary');
    const pod = podSpecOf(objs);
    expect(pod.volumes[0]).toEqual({ name: 'script', configMap: { name: 'k6-runtime-go-1a2b3c4d-script' } });
    expect(pod.containers[0].volumeMounts[0]).toEqual({ name: 'script', mountPath: '/scripts', readOnly: true });
    expect(pod.containers[0].args).toEqual(['run', '--quiet', '--no-color', '/scripts/script.js']);
  });

  it('runs once, within profile + grace + margin, and Pulumi does not wait for it', () => {
    const job = objs.find((o) => o.kind === 'Job')!;
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.activeDeadlineSeconds).toBe(Math.ceil(profileDurationSeconds(spec.profile) + spec.profile.gracefulStopSeconds + 120));
    expect(run.deadlineSeconds).toBe(job.spec.activeDeadlineSeconds);
    expect(job.metadata.annotations[SKIP_AWAIT_ANNOTATION]).toBe('true');
    expect(synthK6({ marginSeconds: 0, graceSeconds: 0 }).run.deadlineSeconds).toBe(profileDurationSeconds(spec.profile));
  });

  it('runs non-root with a read-only root filesystem and writable /results and /tmp', () => {
    const pod = podSpecOf(objs);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 12345 });
    expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(pod.containers[0].volumeMounts.map((m: Obj) => m.mountPath)).toEqual(['/scripts', '/results', '/tmp']);
    expect(pod.containers[0].image).toBe(K6_IMAGE);
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  it('selects exactly its runner pod by labels', () => {
    const labels = objs.find((o) => o.kind === 'Job')!.spec.template.metadata.labels;
    for (const [k, v] of Object.entries(run.runnerSelector)) expect(labels[k]).toBe(v);
    expect(run.runnerKind).toBe('Job');
  });
});

describe('K6Run placement', () => {
  it('prefers another node than the SUT by default (single-node k3s still schedules)', () => {
    const pod = podSpecOf(synthK6({}).objs);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: SUT }, topologyKey: 'kubernetes.io/hostname' } },
    ]);
    expect(pod.nodeSelector).toBeUndefined();
  });

  it('can insist on another node', () => {
    const pod = podSpecOf(synthK6({ placement: 'required-anti-affinity' }).objs);
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([{ labelSelector: { matchLabels: SUT }, topologyKey: 'kubernetes.io/hostname' }]);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
  });

  it('can pin load to labelled nodes', () => {
    const pod = podSpecOf(synthK6({ placement: 'node-selector', nodeSelector: { 'perflab.dev/role': 'load' } }).objs);
    expect(pod.nodeSelector).toEqual({ 'perflab.dev/role': 'load' });
    expect(pod.affinity).toBeUndefined();
  });
});

describe('K6Run as a k6-operator TestRun', () => {
  const { run, objs } = synthK6({ mode: 'testrun', parallelism: 4, placement: 'required-anti-affinity' });
  const tr = objs.find((o) => o.kind === 'TestRun')!;

  it('replaces the Job with a TestRun of the requested parallelism', () => {
    expect(objs.map((o) => o.kind)).toEqual(['ConfigMap', 'TestRun']);
    expect(tr.apiVersion).toBe('k6.io/v1alpha1');
    expect(tr.spec.parallelism).toBe(4);
    expect(tr.spec.script).toEqual({ configMap: { name: 'k6-runtime-go-1a2b3c4d-script', file: 'script.js' } });
    expect(run).toMatchObject({ runnerKind: 'TestRun', parallelism: 4, name: 'k6-runtime-go-1a2b3c4d' });
  });

  it('gives runners the labels, security, scratch volumes and placement of the Job mode', () => {
    expect(tr.spec.runner.image).toBe(K6_IMAGE);
    expect(tr.spec.runner.metadata.labels[LABEL.component]).toBe('load-generator');
    for (const [k, v] of Object.entries(run.runnerSelector)) expect(tr.spec.runner.metadata.labels[k]).toBe(v);
    expect(tr.spec.initializer.metadata.labels[LABEL.component]).toBe('load-initializer');
    expect(tr.spec.runner.containerSecurityContext.readOnlyRootFilesystem).toBe(true);
    expect(tr.spec.runner.volumeMounts.map((m: Obj) => m.mountPath)).toEqual(['/results', '/tmp']);
    expect(tr.spec.runner.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toEqual(SUT);
    expect(tr.spec.runner.env).toContainEqual({ name: 'BASE_URL', value: 'http://runtime-go.ns.svc:8080' });
  });

  it('is valid against the k6-operator CRD schema', () => {
    expect(validateManifests(objs).problems).toEqual([]);
  });

  // Each runner judges thresholds on its own 1/N share (grafana/k6 v1.3.0
  // docs/design/020-distributed-execution-and-test-suites.md, "Missing Parts" 5): the
  // distributed script leaves the profile's thresholds to the results reader.
  it("runs a script without the profile's thresholds, which the Job mode keeps", () => {
    expect(run.script).not.toContain('"p(95)<500"');
    expect(run.script).not.toContain('"http_req_failed": [');
    expect(synthK6({}).run.script).toContain('"p(95)<500"');
  });
});

describe('RuntimeChart', () => {
  it('puts every object in the spec namespace and uses the image override', () => {
    const custom = parseExperimentConfig({ experiment: 'runtime', variant: 'rust', target: 'k3s', image: 'registry.local/runtime-rust:0.2.0', replicas: 3 });
    const objs = synthesizeRuntimeChart(custom, 'runtime-rust-00000000') as Obj[];
    expect(new Set(objs.map((o) => o.metadata.namespace))).toEqual(new Set(['perflab-runtime-rust']));
    const d = objs.find((o) => o.kind === 'Deployment')!;
    expect(d.spec.template.spec.containers[0].image).toBe('registry.local/runtime-rust:0.2.0');
    expect(d.spec.replicas).toBe(3);
  });
});
