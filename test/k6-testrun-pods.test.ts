/**
 * The TestRun's helper pods under a mesh. k6-operator v1.1.1 builds the initializer and starter
 * Jobs from `spec.initializer` / `spec.starter` alone (pkg/resources/jobs/initializer.go,
 * starter.go): their pod labels and annotations come from `<pod>.metadata`, their
 * `automountServiceAccountToken` defaults to true, and the starter image defaults to the moving
 * `ghcr.io/grafana/k6-operator:latest-starter`. Without the mesh's opt-out, Linkerd edge-25.9.2
 * (`proxy.nativeSidecar: false`, charts/linkerd-control-plane/values.yaml) injects a proxy that
 * keeps the finished initializer pod Running, so the TestRun never leaves initialization
 * (k6-operator #172, #58; linkerd2 #7425).
 */
import { App, Chart } from 'cdk8s';
import { K6Run } from '../constructs/k6-run';
import { meshProfile } from '../experiments/mesh/meshes';
import { parseExperimentConfig } from '../src/config/spec';
import { validateManifests } from '../src/cluster/validate-manifests';
import { K6_OPERATOR_VERSION } from '../src/versions';

type Obj = Record<string, any>;
const spec = parseExperimentConfig({ experiment: 'runtime', variant: 'go', target: 'k3s', load: 'baseline', timeScale: 0.5 });
const linkerd = meshProfile('linkerd');

function testRun(): Obj[] {
  const chart = new Chart(new App(), 'c', { namespace: 'ns' });
  new K6Run(chart, 'load', {
    identity: { experiment: 'mesh', variant: 'linkerd', run: 'mesh-linkerd-1a2b3c4d' },
    profile: spec.profile,
    baseUrl: 'http://app.ns.svc:8080',
    sutSelector: { 'app.kubernetes.io/component': 'server' },
    mode: 'testrun',
    parallelism: 2,
    podLabels: { 'example.com/opt-out': 'true' },
    podAnnotations: { ...linkerd.loadPodAnnotations },
  });
  return chart.toJson();
}

describe('a TestRun under Linkerd', () => {
  const objs = testRun();
  const tr = objs.find((o) => o.kind === 'TestRun')!.spec;

  it.each(['runner', 'initializer', 'starter'])('keeps the %s pod out of the mesh, as the runners', (pod) => {
    expect(tr[pod].metadata.annotations).toEqual({ 'linkerd.io/inject': 'disabled' });
    expect(tr[pod].metadata.labels['example.com/opt-out']).toBe('true');
  });

  it('keeps each helper pod\'s own component label', () => {
    expect(tr.initializer.metadata.labels['app.kubernetes.io/component']).toBe('load-initializer');
    expect(tr.starter.metadata.labels['app.kubernetes.io/component']).toBe('load-starter');
  });

  it.each(['runner', 'initializer', 'starter'])('mounts no service account token in the %s pod', (pod) => {
    // a string in the CRD (api/v1alpha1/testrun_types.go: `AutomountServiceAccountToken string`)
    expect(tr[pod].automountServiceAccountToken).toBe('false');
  });

  it('pins the starter image to the operator release instead of latest-starter', () => {
    expect(tr.starter.image).toBe(`ghcr.io/grafana/k6-operator:starter-${K6_OPERATOR_VERSION}`);
  });

  it('is valid against the k6-operator CRD schema', () => {
    expect(validateManifests(objs).problems).toEqual([]);
  });
});
