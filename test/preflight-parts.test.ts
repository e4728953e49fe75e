/**
 * The preflight's pure parts: mapping API objects (CRD, APIService, Node, /version) to the seam's
 * data, reading a Helm repository index, and the node count a workload's required anti-affinity
 * asks for.
 */
import { chartVersions, indexUrl, resolveCharts } from '../src/cluster/chart-index';
import { serverVersionOf } from '../src/cluster/preflight-inventory';
import { apiServiceStateOf, crdStateOf, nodeStateOf } from '../src/cluster/preflight-mappers';
import { linkerdGatewayApiCrds, ownerOf } from '../src/cluster/preflight-checks';
import { nodeNeedOf } from '../src/cluster/stack-needs';

describe('API objects → preflight data', () => {
  it('reads /version, dropping the "+" some providers put after the minor', () => {
    expect(serverVersionOf({ gitVersion: 'v1.30.4-eks-a737599', major: '1', minor: '30+' })).toEqual({ gitVersion: 'v1.30.4-eks-a737599', major: 1, minor: 30 });
    expect(serverVersionOf({ gitVersion: 'v1.33.2+k3s1', major: '', minor: '' })).toMatchObject({ major: 1, minor: 33 });
  });

  it('a CRD: served versions only, Established, owner from Helm annotations or the managed-by label', () => {
    const crd = crdStateOf({
      metadata: { name: 'clusters.postgresql.cnpg.io', annotations: { 'meta.helm.sh/release-name': 'cnpg', 'meta.helm.sh/release-namespace': 'cnpg-system' } },
      spec: { group: 'postgresql.cnpg.io', names: { kind: 'Cluster', plural: 'clusters' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }, { name: 'v1beta1', served: false, storage: false }] },
      status: { conditions: [{ type: 'Established', status: 'True' }], acceptedNames: { kind: 'Cluster', plural: 'clusters' }, storedVersions: ['v1'] },
    } as never);
    expect(crd).toMatchObject({ servedVersions: ['v1'], established: true });
    expect(ownerOf(crd).text).toBe('Helm release cnpg-system/cnpg');
    expect(ownerOf({ labels: { 'app.kubernetes.io/managed-by': 'kustomize' }, annotations: {} }).text).toBe('managed by kustomize');
  });

  it('an APIService is available only with Available=True, else says why', () => {
    expect(apiServiceStateOf({ metadata: { name: 'v1beta1.metrics.k8s.io' }, status: { conditions: [{ type: 'Available', status: 'True' }] } } as never)).toEqual({ name: 'v1beta1.metrics.k8s.io', available: true });
    expect(apiServiceStateOf({ metadata: { name: 'v1beta1.metrics.k8s.io' }, status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints', message: 'endpoints for service/metrics-server in "kube-system" have no addresses' }] } } as never)).toMatchObject({
      available: false,
      message: 'MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses',
    });
  });

  it('a node is schedulable when Ready, not cordoned and without a NoSchedule/NoExecute taint', () => {
    const node = (spec: object, ready = 'True') => nodeStateOf({ metadata: { name: 'n' }, spec, status: { conditions: [{ type: 'Ready', status: ready }], images: [{ names: ['docker.io/grafana/k6@sha256:ab', 'docker.io/grafana/k6:1.3.0'] }] } } as never);
    expect(node({})).toMatchObject({ schedulable: true, images: ['docker.io/grafana/k6@sha256:ab', 'docker.io/grafana/k6:1.3.0'] });
    expect(node({ taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }).schedulable).toBe(true);
    expect(node({ taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }).schedulable).toBe(false);
    expect(node({ unschedulable: true }).schedulable).toBe(false);
    expect(node({}, 'False').schedulable).toBe(false);
  });
});

describe('Helm repository index', () => {
  const INDEX = 'apiVersion: v1\nentries:\n  nack:\n  - version: 0.36.0\n  - version: 0.35.1\n  nats:\n  - version: 1.3.7\n';

  it('lists a chart\'s versions; a file without entries is not an index', () => {
    expect(chartVersions(INDEX, 'nack')).toEqual(['0.36.0', '0.35.1']);
    expect(chartVersions(INDEX, 'other')).toEqual([]);
    expect(() => chartVersions('<html>sign in</html>', 'nack')).toThrow('not a Helm repository index');
    expect(indexUrl('https://helm.cilium.io/')).toBe('https://helm.cilium.io/index.yaml');
  });

  it('fetches each repository once, matches versions with or without a leading v, and reports HTTP errors and timeouts as unreachable', async () => {
    const asked: string[] = [];
    const repo = 'https://nats-io.github.io/k8s/helm/charts/';
    const fetch = async (url: string) => {
      asked.push(url);
      return { status: 200, text: INDEX };
    };
    const r = await resolveCharts([{ repo, chart: 'nack', version: 'v0.36.0' }, { repo, chart: 'nats', version: '1.3.8' }], fetch);
    expect(r).toEqual([{ state: 'found' }, { state: 'missing', available: ['1.3.7'] }]);
    expect(asked).toEqual(['https://nats-io.github.io/k8s/helm/charts/index.yaml']);
    const denied = await resolveCharts([{ repo, chart: 'nack', version: '0.36.0' }], async () => ({ status: 403, text: '' }));
    expect(denied[0]).toMatchObject({ state: 'unreachable', reason: expect.stringContaining('HTTP 403') });
    const slow = await resolveCharts([{ repo, chart: 'nack', version: '0.36.0' }], async () => Promise.reject(Object.assign(new Error('aborted'), { name: 'TimeoutError' })), 2000);
    expect(slow[0]).toEqual({ state: 'unreachable', reason: `no answer from ${indexUrl(repo)} within 2 s` });
  });
});

describe('Gateway API CRDs of a linkerd-crds release', () => {
  // linkerd/linkerd2 edge-25.9.2, charts/linkerd-crds: installGatewayAPI defaults to true; each
  // templates/gateway.networking.k8s.io_*.yaml renders when its enable*Routes value, else installGatewayAPI, is true.
  const names = (values?: Record<string, unknown>) => linkerdGatewayApiCrds(values).map((n) => n.split('.')[0]);
  it('defaults to all four route CRDs; installGatewayAPI false turns them off; enable*Routes overrides it per CRD', () => {
    expect(names()).toEqual(['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes']);
    expect(names({ installGatewayAPI: false })).toEqual([]);
    expect(names({ installGatewayAPI: false, enableHttpRoutes: true })).toEqual(['httproutes', 'grpcroutes']);
    expect(names({ enableTcpRoutes: false })).toEqual(['httproutes', 'grpcroutes', 'tlsroutes']);
  });
});

describe('nodes a stack needs', () => {
  const sts = (replicas: number, selectorMatchesItself: boolean) => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'broker' },
    spec: {
      replicas,
      template: {
        metadata: { labels: { app: 'broker' } },
        spec: {
          containers: [{ name: 'b', image: 'nats:2.11.8-alpine' }],
          affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: selectorMatchesItself ? 'broker' : 'other' } } }] } },
        },
      },
    },
  });

  it('as many as the replicas a required self anti-affinity keeps apart; otherwise one', () => {
    expect(nodeNeedOf([sts(3, true)], { placement: 'preferred-anti-affinity' })).toEqual({ count: 3, why: 'StatefulSet/broker: 3 replicas with required anti-affinity on kubernetes.io/hostname' });
    expect(nodeNeedOf([sts(3, false)], { placement: 'preferred-anti-affinity' }).count).toBe(1);
    expect(nodeNeedOf([sts(1, true)], { placement: 'required-anti-affinity' }).count).toBe(2);
  });
});
