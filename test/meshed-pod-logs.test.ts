/**
 * Logs of meshed pods are read by container name. Linkerd edge-25.9.2 injects its proxy as the
 * pod's FIRST container when `proxy.await` is true, its default
 * (linkerd2 charts/patch/templates/patch.json: `spec/containers/0` under `proxy.await`;
 * charts/linkerd-control-plane/values.yaml: `await: true`, `nativeSidecar: false`), so "the first
 * container" of a meshed Collector pod is `linkerd-proxy` and its log holds no trace.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as k8s from '@kubernetes/client-node';
import { containerOf, podInfoOf } from '../src/cluster/kube-mappers';
import { PodLog, PodLogOptions, Selector } from '../src/cluster/cluster-client';
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { stackSpec } from '../src/cluster/stack-spec';
import { buildFullStackChart, synthesizeFullStackChart } from '../experiments/full-stack/cluster/chart';
import { measuredLayers } from '../experiments/full-stack/cluster/measured-layers';
import { COLLECTOR_CONTAINER } from '../experiments/full-stack/cluster/releases';
import { readFullStackRunResults } from '../experiments/full-stack/cluster/results-reader';
import { FullStackResultsRequest } from '../experiments/full-stack/cluster/results-request';
import { LAYER_LABEL } from '../experiments/full-stack/layers';
import { parseExperimentConfig } from '../src/config/spec';
import { FakeCluster, FakeClock, runnerLog } from './fixtures/cluster/fake-cluster';

const collectorLog = fs.readFileSync(path.join(__dirname, 'fixtures', 'full-stack', 'collector-log.txt'), 'utf8');
const proxyLog = '[     0.002s]  INFO ThreadId(01) linkerd2_proxy: release 2.316.0 by linkerd\n[     0.004s]  INFO ThreadId(01) inbound: linkerd_app_inbound: Serving listening.addr=0.0.0.0:4143\n';

/** A Collector pod as the API server returns it after Linkerd's injector ran (proxy first). */
const injected: k8s.V1Pod = {
  metadata: { name: 'otel-collector-5d8f-x', namespace: 'perflab-fullstack-all' },
  spec: { containers: [{ name: 'linkerd-proxy' }, { name: COLLECTOR_CONTAINER }] },
  status: {
    phase: 'Failed',
    // kubelet lists statuses by name, not in spec order
    containerStatuses: [
      { name: 'linkerd-proxy', ready: false, restartCount: 0, image: 'p', imageID: 'p', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: COLLECTOR_CONTAINER, ready: false, restartCount: 0, image: 'c', imageID: 'c', state: { terminated: { exitCode: 1, reason: 'Error' } } },
    ],
  },
};

describe('which container of a pod is read', () => {
  it('is the named one, also when a mesh put its proxy first', () => {
    expect(containerOf(injected, COLLECTOR_CONTAINER)).toBe(COLLECTOR_CONTAINER);
    expect(podInfoOf(injected, COLLECTOR_CONTAINER)).toMatchObject({ exitCode: 1, terminatedReason: 'Error' });
  });

  it('is the first container when none is named', () => {
    expect(containerOf(injected)).toBe('linkerd-proxy');
    expect(podInfoOf(injected)).toMatchObject({ exitCode: 0, terminatedReason: 'Completed' });
  });

  it('is refused, naming the pod and its containers, when the pod has no such container', () => {
    expect(() => containerOf(injected, 'k6')).toThrow('pod perflab-fullstack-all/otel-collector-5d8f-x has no container "k6" (its containers: linkerd-proxy, opentelemetry-collector)');
  });
});

describe('full-stack under Linkerd reads the Collector\'s log, not the proxy\'s', () => {
  it('names the Collector container in the request, the same name the plain manifests and the chart give it', () => {
    const config = { ...readStackConfig(stackFilePath('fullstack-all')), 'perflab-cluster:operators': 'preinstalled' };
    const spec = stackSpec('fullstack-all', config);
    const { runId, options } = spec;
    expect(spec.spec.experiment.name).toBe('full-stack');
    const { traces } = measuredLayers(buildFullStackChart(spec.spec, runId, options), runId);
    expect(traces?.container).toBe(COLLECTOR_CONTAINER);
    const objs = synthesizeFullStackChart(spec.spec, runId, options) as Array<Record<string, any>>;
    const deployment = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'otel-collector')!;
    expect(deployment.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual([COLLECTOR_CONTAINER]);
  });

  it('finds the traces in a meshed Collector pod', async () => {
    class Meshed extends FakeCluster {
      override async podLogs(namespace: string, selector: Selector, options?: PodLogOptions): Promise<PodLog[]> {
        if (selector[LAYER_LABEL] !== 'observability') return super.podLogs(namespace, selector);
        const name = containerOf(injected, options?.container);
        return [{ ...podInfoOf(injected, options?.container), log: name === COLLECTOR_CONTAINER ? collectorLog : proxyLog }];
      }
    }
    const spec = parseExperimentConfig({ experiment: 'full-stack', variant: 'composed', target: 'k3s', load: 'baseline', observability: 'otel', gateway: 'traefik', mesh: 'linkerd' });
    const request: FullStackResultsRequest = {
      namespace: 'perflab-fullstack-all',
      runId: 'full-stack-composed-1a2b3c4d',
      label: 'fullstack-all',
      experiment: 'full-stack',
      variant: 'composed',
      target: 'k3s',
      runner: { kind: 'Job', name: 'k6-full-stack-composed-1a2b3c4d', selector: { 'app.kubernetes.io/component': 'load-generator' }, parallelism: 1 },
      sut: { selector: { 'app.kubernetes.io/component': 'server' }, component: 'server' },
      profile: spec.profile,
      timeoutSeconds: 400,
      pollSeconds: 10,
      k6Version: '1.3.0',
      traces: { namespace: 'perflab-fullstack-all', selector: { [LAYER_LABEL]: 'observability' }, container: COLLECTOR_CONTAINER, serviceLayers: { traefik: 'gateway' } },
    };
    const done = { state: 'succeeded' as const, startTime: '2026-11-25T12:00:00.000Z', completionTime: '2026-11-25T12:03:12.000Z' };
    const runner: PodLog = { name: 'k6-x', nodeName: 'lab-2', phase: 'Succeeded', exitCode: 0, log: runnerLog('k6-summary-pass.json') };
    const { runResult } = await readFullStackRunResults(new Meshed({ statuses: [done], runners: [runner] }), request, new FakeClock());
    expect(runResult.layers).toMatchObject({ traces: 2, incompleteTraces: 1 });
  });
});
