/**
 * Linkerd and the Gateway API CRDs. The linkerd-crds chart of edge-25.9.2 installs the Gateway
 * API CRDs by default (charts/linkerd-crds/values.yaml: `installGatewayAPI: true`; each
 * templates/gateway.networking.k8s.io_*.yaml is guarded by it). On k3s the bundled Traefik has
 * already installed them, so the linkerd-crds install fails: "exists and cannot be imported into
 * the current release: invalid ownership metadata" (linkerd2 #11586, #13334). perflab sets
 * `installGatewayAPI` from `perflab-cluster:gatewayApiCrds` (default: preinstalled on k3s).
 */
import { meshReleases } from '../experiments/mesh/helm-releases';
import { compositionReleases } from '../experiments/full-stack/cluster/releases';
import { fullStackSettingsOf } from '../experiments/full-stack/settings';
import { gatewayApiCrdSource, parseClusterConfig } from '../src/cluster/cluster-config';
import { parseExperimentConfig } from '../src/config/spec';

const identity = { trustAnchorPem: 'ta', issuerCertPem: 'crt', issuerKeyPem: 'key' };
const crdsValues = (target: string, source?: 'preinstalled' | 'linkerd') => meshReleases('linkerd', target, identity, source).find((r) => r.chart === 'linkerd-crds')!.values;

describe('linkerd-crds and the Gateway API CRDs', () => {
  it('installs none on k3s, whose bundled Traefik brought them', () => {
    expect(crdsValues('k3s')).toEqual({ installGatewayAPI: false });
  });

  it('installs them when told the cluster has none (k3s started with --disable traefik)', () => {
    expect(crdsValues('k3s', 'linkerd')).toEqual({ installGatewayAPI: true });
  });

  it('keeps Linkerd\'s own default elsewhere, unless told they are preinstalled', () => {
    expect(crdsValues('eks')).toEqual({ installGatewayAPI: true });
    expect(crdsValues('eks', 'preinstalled')).toEqual({ installGatewayAPI: false });
  });

  it('reads perflab-cluster:gatewayApiCrds, and refuses a value it does not know', () => {
    expect(gatewayApiCrdSource(parseClusterConfig({ 'perflab-cluster:gatewayApiCrds': 'linkerd' }), 'k3s')).toBe('linkerd');
    expect(gatewayApiCrdSource(parseClusterConfig({}), 'k3s')).toBe('preinstalled');
    expect(() => parseClusterConfig({ 'perflab-cluster:gatewayApiCrds': 'traefik' })).toThrow(/perflab-cluster:gatewayApiCrds.*"traefik".*preinstalled, linkerd/);
  });

  it('passes the choice to the full-stack mesh layer', () => {
    const spec = parseExperimentConfig({ experiment: 'full-stack', variant: 'composed', target: 'k3s', load: 'baseline', mesh: 'linkerd' });
    const ctx = { namespace: 'ns', target: 'k3s', runLabels: () => ({}), gatewayPods: { labels: {}, annotations: {} }, brokerPods: { labels: {}, annotations: {} } };
    const crds = (gatewayApiCrds?: 'preinstalled' | 'linkerd') => compositionReleases(fullStackSettingsOf(spec), { ...ctx, gatewayApiCrds }, identity).find((r) => r.spec.chart === 'linkerd-crds')!.spec.values;
    expect(crds()).toEqual({ installGatewayAPI: false });
    expect(crds('linkerd')).toEqual({ installGatewayAPI: true });
  });
});
